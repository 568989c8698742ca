CREATE TABLE "ceremony_batch_projects" (
	"batch_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "ceremony_batch_projects_batch_id_project_id_pk" PRIMARY KEY("batch_id","project_id")
);
--> statement-breakpoint
CREATE TABLE "ceremony_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"held_on" date NOT NULL,
	"place" text,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "investment_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"period" text NOT NULL,
	"year" integer NOT NULL,
	"month" integer NOT NULL,
	"planned" numeric(16, 2) NOT NULL,
	"completed" numeric(16, 2) NOT NULL,
	"physical_progress" text,
	"problems" text,
	"overrun_explanation" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"return_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "milestone_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"nodes" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "project_leaders" (
	"project_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"level" text NOT NULL,
	CONSTRAINT "project_leaders_project_id_user_id_pk" PRIMARY KEY("project_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "project_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"after" text[] DEFAULT '{}'::text[] NOT NULL,
	"planned_on" date,
	"actual_on" date,
	"unit_id" uuid,
	"note" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "project_reminders" (
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "project_reminders_project_id_kind_key_pk" PRIMARY KEY("project_id","kind","key")
);
--> statement-breakpoint
CREATE TABLE "project_stage_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"seq" bigserial NOT NULL,
	"from_stage" text,
	"to_stage" text NOT NULL,
	"on" date NOT NULL,
	"reason" text,
	"actor_id" uuid,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_units" (
	"project_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"level" text NOT NULL,
	"contact_name" text,
	"contact_phone" text,
	CONSTRAINT "project_units_project_id_unit_id_pk" PRIMARY KEY("project_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text,
	"name" text NOT NULL,
	"parent_id" uuid,
	"content" text,
	"capacity" text,
	"level" text NOT NULL,
	"industry" text NOT NULL,
	"category" text NOT NULL,
	"nature" text NOT NULL,
	"investor_type" text NOT NULL,
	"focus" boolean DEFAULT false NOT NULL,
	"stage" text NOT NULL,
	"owner_enterprise_id" uuid,
	"owner_name" text NOT NULL,
	"owner_contact" text,
	"owner_phone" text,
	"lead_unit_id" uuid NOT NULL,
	"planned_start_on" date,
	"planned_completion_on" date,
	"actual_start_on" date,
	"actual_completion_on" date,
	"production_on" date,
	"reserve_on" date,
	"listed_on" date,
	"total_investment" numeric(16, 2) NOT NULL,
	"funding" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"plan_year" integer NOT NULL,
	"annual_plan" numeric(16, 2) DEFAULT '0' NOT NULL,
	"contractors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"approvals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"lng" double precision,
	"lat" double precision,
	"outline" jsonb,
	"report_frequency" text DEFAULT 'month' NOT NULL,
	"milestone_template_id" uuid,
	"ytd_planned" numeric(16, 2) DEFAULT '0' NOT NULL,
	"ytd_completed" numeric(16, 2) DEFAULT '0' NOT NULL,
	"completed_total" numeric(16, 2) DEFAULT '0' NOT NULL,
	"last_approved_period" text,
	"light" text DEFAULT 'none' NOT NULL,
	"light_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"light_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "ledger_items" ADD COLUMN "project_id" uuid;--> statement-breakpoint
ALTER TABLE "ceremony_batch_projects" ADD CONSTRAINT "ceremony_batch_projects_batch_id_ceremony_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."ceremony_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ceremony_batch_projects" ADD CONSTRAINT "ceremony_batch_projects_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_reports" ADD CONSTRAINT "investment_reports_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_reports" ADD CONSTRAINT "investment_reports_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_reports" ADD CONSTRAINT "investment_reports_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_leaders" ADD CONSTRAINT "project_leaders_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_leaders" ADD CONSTRAINT "project_leaders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_milestones" ADD CONSTRAINT "project_milestones_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_milestones" ADD CONSTRAINT "project_milestones_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_reminders" ADD CONSTRAINT "project_reminders_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_stage_history" ADD CONSTRAINT "project_stage_history_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_stage_history" ADD CONSTRAINT "project_stage_history_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_units" ADD CONSTRAINT "project_units_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_units" ADD CONSTRAINT "project_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_parent_id_projects_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_owner_enterprise_id_enterprises_id_fk" FOREIGN KEY ("owner_enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_lead_unit_id_units_id_fk" FOREIGN KEY ("lead_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_milestone_template_id_milestone_templates_id_fk" FOREIGN KEY ("milestone_template_id") REFERENCES "public"."milestone_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ceremony_batch_projects_project_idx" ON "ceremony_batch_projects" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "investment_reports_period_uq" ON "investment_reports" USING btree ("project_id","period");--> statement-breakpoint
CREATE INDEX "investment_reports_year_idx" ON "investment_reports" USING btree ("year","month","status");--> statement-breakpoint
CREATE INDEX "investment_reports_status_idx" ON "investment_reports" USING btree ("status","period");--> statement-breakpoint
CREATE UNIQUE INDEX "milestone_templates_code_uq" ON "milestone_templates" USING btree ("code");--> statement-breakpoint
CREATE INDEX "project_leaders_user_idx" ON "project_leaders" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "project_milestones_uq" ON "project_milestones" USING btree ("project_id","code");--> statement-breakpoint
CREATE INDEX "project_milestones_open_idx" ON "project_milestones" USING btree ("planned_on") WHERE actual_on is null;--> statement-breakpoint
CREATE INDEX "project_stage_history_project_idx" ON "project_stage_history" USING btree ("project_id","at");--> statement-breakpoint
CREATE INDEX "project_units_unit_idx" ON "project_units" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_code_uq" ON "projects" USING btree ("code") WHERE code is not null and deleted_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "projects_name_owner_uq" ON "projects" USING btree ("name","owner_name") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "projects_unit_idx" ON "projects" USING btree ("lead_unit_id","created_at","id");--> statement-breakpoint
CREATE INDEX "projects_stage_idx" ON "projects" USING btree ("stage","light");--> statement-breakpoint
CREATE INDEX "projects_parent_idx" ON "projects" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "projects_owner_idx" ON "projects" USING btree ("owner_enterprise_id");--> statement-breakpoint
ALTER TABLE "ledger_items" ADD CONSTRAINT "ledger_items_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ledger_items_project_idx" ON "ledger_items" USING btree ("project_id");