DROP INDEX "users_unit_created_idx";--> statement-breakpoint
CREATE INDEX "users_unit_created_idx" ON "users" USING btree ("unit_id","created_at" DESC NULLS LAST,"id") WHERE deleted_at is null;