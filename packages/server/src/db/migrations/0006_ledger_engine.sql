CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"purpose" text DEFAULT 'document' NOT NULL,
	"filename" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"taken_at" timestamp with time zone,
	"lat" double precision,
	"lng" double precision,
	"place" text,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "checkpoint_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"nodes" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "ledger_checkpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"deliverable" text NOT NULL,
	"deliverable_en" text NOT NULL,
	"requirement" text NOT NULL,
	"due_on" date NOT NULL,
	"met_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ledger_deadlines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"deadline" date NOT NULL,
	"previous" date,
	"reason" text,
	"extension_id" uuid,
	"set_by" uuid,
	"set_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"kind" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"body" text,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "ledger_extensions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"new_deadline" date NOT NULL,
	"progress_note" text NOT NULL,
	"late" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" uuid,
	"requested_at" timestamp with time zone NOT NULL,
	"escalated_to" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text
);
--> statement-breakpoint
CREATE TABLE "ledger_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ledger_id" uuid NOT NULL,
	"parent_id" uuid,
	"seq" integer NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"measures" text,
	"source" text NOT NULL,
	"source_doc" text,
	"lead_unit_id" uuid NOT NULL,
	"co_unit_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"owner_id" uuid,
	"leader_id" uuid,
	"enterprise_id" uuid,
	"meeting_id" uuid,
	"priority" text DEFAULT 'normal' NOT NULL,
	"focus" boolean DEFAULT false NOT NULL,
	"frequency" text DEFAULT 'week' NOT NULL,
	"weight" double precision,
	"progress" integer DEFAULT 0 NOT NULL,
	"deadline" date NOT NULL,
	"deadline_class" text,
	"long_term" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'assigned' NOT NULL,
	"light" text DEFAULT 'green' NOT NULL,
	"light_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"light_on" date,
	"signoff_done" integer DEFAULT 0 NOT NULL,
	"notice_start_on" date,
	"notice_ends_on" date,
	"last_progress_on" date,
	"last_progress_text" text,
	"assigned_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"decomposed_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"reported_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ledger_progress" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"kind" text DEFAULT 'progress' NOT NULL,
	"reported_on" date NOT NULL,
	"percent" integer,
	"text" text NOT NULL,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_reminders" (
	"item_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ledger_reminders_item_id_kind_key_pk" PRIMARY KEY("item_id","kind","key")
);
--> statement-breakpoint
CREATE TABLE "ledger_verifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"level" integer DEFAULT 0 NOT NULL,
	"verifier_id" uuid,
	"verifier_unit_id" uuid,
	"at" timestamp with time zone NOT NULL,
	"checked_on" date,
	"place" text,
	"findings" text NOT NULL,
	"passed" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledgers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"source_doc" text,
	"supervisor_unit_id" uuid NOT NULL,
	"checkpoint_template_id" uuid,
	"signoff_levels" integer DEFAULT 1 NOT NULL,
	"notice_working_days" integer DEFAULT 5 NOT NULL,
	"evidence_required" boolean DEFAULT false NOT NULL,
	"yellow_days" integer DEFAULT 3 NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "meeting_series" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"cadence" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"chair_id" uuid,
	"attendee_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"ledger_id" uuid NOT NULL,
	"first_on" date NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"series_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"scheduled_on" date NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"held_at" timestamp with time zone,
	"minutes" text,
	"preread" jsonb,
	"preread_sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "saved_views" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"page" text NOT NULL,
	"name" text NOT NULL,
	"query" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_checkpoints" ADD CONSTRAINT "ledger_checkpoints_item_id_ledger_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."ledger_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_deadlines" ADD CONSTRAINT "ledger_deadlines_item_id_ledger_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."ledger_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_deadlines" ADD CONSTRAINT "ledger_deadlines_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_events" ADD CONSTRAINT "ledger_events_item_id_ledger_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."ledger_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_events" ADD CONSTRAINT "ledger_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_extensions" ADD CONSTRAINT "ledger_extensions_item_id_ledger_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."ledger_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_extensions" ADD CONSTRAINT "ledger_extensions_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_extensions" ADD CONSTRAINT "ledger_extensions_escalated_to_users_id_fk" FOREIGN KEY ("escalated_to") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_extensions" ADD CONSTRAINT "ledger_extensions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_items" ADD CONSTRAINT "ledger_items_ledger_id_ledgers_id_fk" FOREIGN KEY ("ledger_id") REFERENCES "public"."ledgers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_items" ADD CONSTRAINT "ledger_items_parent_id_ledger_items_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."ledger_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_items" ADD CONSTRAINT "ledger_items_lead_unit_id_units_id_fk" FOREIGN KEY ("lead_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_items" ADD CONSTRAINT "ledger_items_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_items" ADD CONSTRAINT "ledger_items_leader_id_users_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_items" ADD CONSTRAINT "ledger_items_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_items" ADD CONSTRAINT "ledger_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_progress" ADD CONSTRAINT "ledger_progress_item_id_ledger_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."ledger_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_progress" ADD CONSTRAINT "ledger_progress_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_reminders" ADD CONSTRAINT "ledger_reminders_item_id_ledger_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."ledger_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_verifications" ADD CONSTRAINT "ledger_verifications_item_id_ledger_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."ledger_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_verifications" ADD CONSTRAINT "ledger_verifications_verifier_id_users_id_fk" FOREIGN KEY ("verifier_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_verifications" ADD CONSTRAINT "ledger_verifications_verifier_unit_id_units_id_fk" FOREIGN KEY ("verifier_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledgers" ADD CONSTRAINT "ledgers_supervisor_unit_id_units_id_fk" FOREIGN KEY ("supervisor_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledgers" ADD CONSTRAINT "ledgers_checkpoint_template_id_checkpoint_templates_id_fk" FOREIGN KEY ("checkpoint_template_id") REFERENCES "public"."checkpoint_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_series" ADD CONSTRAINT "meeting_series_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_series" ADD CONSTRAINT "meeting_series_chair_id_users_id_fk" FOREIGN KEY ("chair_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_series" ADD CONSTRAINT "meeting_series_ledger_id_ledgers_id_fk" FOREIGN KEY ("ledger_id") REFERENCES "public"."ledgers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_series_id_meeting_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."meeting_series"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_entity_idx" ON "attachments" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "checkpoint_templates_code_uq" ON "checkpoint_templates" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_checkpoints_item_code_uq" ON "ledger_checkpoints" USING btree ("item_id","code");--> statement-breakpoint
CREATE INDEX "ledger_checkpoints_due_idx" ON "ledger_checkpoints" USING btree ("due_on");--> statement-breakpoint
CREATE INDEX "ledger_deadlines_item_idx" ON "ledger_deadlines" USING btree ("item_id","set_at");--> statement-breakpoint
CREATE INDEX "ledger_events_item_idx" ON "ledger_events" USING btree ("item_id","at");--> statement-breakpoint
CREATE INDEX "ledger_extensions_item_idx" ON "ledger_extensions" USING btree ("item_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_items_seq_uq" ON "ledger_items" USING btree ("ledger_id","seq");--> statement-breakpoint
CREATE INDEX "ledger_items_lead_idx" ON "ledger_items" USING btree ("lead_unit_id","light","status","deadline");--> statement-breakpoint
CREATE INDEX "ledger_items_ledger_idx" ON "ledger_items" USING btree ("ledger_id","deadline","id");--> statement-breakpoint
CREATE INDEX "ledger_items_status_idx" ON "ledger_items" USING btree ("status","light","deadline");--> statement-breakpoint
CREATE INDEX "ledger_items_owner_idx" ON "ledger_items" USING btree ("owner_id","status");--> statement-breakpoint
CREATE INDEX "ledger_items_leader_idx" ON "ledger_items" USING btree ("leader_id","status");--> statement-breakpoint
CREATE INDEX "ledger_items_parent_idx" ON "ledger_items" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "ledger_items_meeting_idx" ON "ledger_items" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "ledger_items_co_units_idx" ON "ledger_items" USING gin ("co_unit_ids");--> statement-breakpoint
CREATE INDEX "ledger_progress_item_idx" ON "ledger_progress" USING btree ("item_id","reported_on");--> statement-breakpoint
CREATE INDEX "ledger_verifications_item_idx" ON "ledger_verifications" USING btree ("item_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "ledgers_code_uq" ON "ledgers" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "meetings_series_seq_uq" ON "meetings" USING btree ("series_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "saved_views_user_page_name_uq" ON "saved_views" USING btree ("user_id","page","name");