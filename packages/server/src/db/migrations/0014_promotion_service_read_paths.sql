-- Read paths of leads and requests at scale (bench/promotion.ts: 50,000 leads, 200,000 requests). The lead list and
-- the kanban always filter on outcome and the data scope over owner_unit_id: their counts and per-stage totals read
-- promotion_leads_filter_idx alone, each sort of the list has an index in its order, and the kanban's cards of a
-- stage are the last changed. The service metrics read the rounds started in a period from one index alone.
DROP INDEX "service_request_rounds_started_idx";--> statement-breakpoint
CREATE INDEX "promotion_leads_filter_idx" ON "promotion_leads" USING btree ("outcome","owner_unit_id","stage","team_id","industry","clock_state","owner_user_id","planned_investment") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "promotion_leads_registered_idx" ON "promotion_leads" USING btree ("outcome","registered_on") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "promotion_leads_updated_idx" ON "promotion_leads" USING btree ("outcome","updated_at") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "promotion_leads_company_sort_idx" ON "promotion_leads" USING btree ("outcome","company") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "promotion_leads_planned_idx" ON "promotion_leads" USING btree ("outcome","planned_investment" DESC NULLS LAST) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "promotion_leads_stage_sort_idx" ON "promotion_leads" USING btree ("outcome","stage","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "promotion_leads_board_idx" ON "promotion_leads" USING btree ("outcome","stage","updated_at") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "service_request_rounds_started_idx" ON "service_request_rounds" USING btree ("started_at","unit_id","round","responded_at","response_due_at","completed_on","completion_due_on","rating","resolved");