CREATE TABLE "assessment_appeals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"dimension_id" text NOT NULL,
	"reason" text NOT NULL,
	"filed_by" uuid NOT NULL,
	"filed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"answer" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"points_before" numeric(8, 2),
	"points_after" numeric(8, 2)
);
--> statement-breakpoint
CREATE TABLE "assessment_panel_members" (
	"scheme_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_panel_members_scheme_id_user_id_pk" PRIMARY KEY("scheme_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "assessment_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"unit_id" uuid,
	"project_id" uuid,
	"track" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "assessment_results" (
	"run_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"track" text,
	"total" numeric(8, 2) NOT NULL,
	"rank" integer NOT NULL,
	"tied" boolean DEFAULT false NOT NULL,
	"red_flag" boolean DEFAULT false NOT NULL,
	CONSTRAINT "assessment_results_run_id_participant_id_pk" PRIMARY KEY("run_id","participant_id")
);
--> statement-breakpoint
CREATE TABLE "assessment_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"period" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"status" text DEFAULT 'scoring' NOT NULL,
	"definition" jsonb NOT NULL,
	"computed_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"appeal_ends_on" date,
	"locked_at" timestamp with time zone,
	"locked_by" uuid,
	"highlights" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "assessment_schemes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"description" text,
	"period_kind" text NOT NULL,
	"participant_kind" text NOT NULL,
	"tracks" text[] DEFAULT '{}'::text[] NOT NULL,
	"red_flag_top_n" integer DEFAULT 1 NOT NULL,
	"appeal_working_days" integer DEFAULT 3 NOT NULL,
	"dimensions" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "assessment_scores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"dimension_id" text NOT NULL,
	"scorer_id" uuid,
	"value" numeric(20, 4),
	"grade" text,
	"points" numeric(8, 2) NOT NULL,
	"comment" text,
	"inputs" jsonb,
	"scored_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "assessment_scores_uq" UNIQUE NULLS NOT DISTINCT("run_id","participant_id","dimension_id","scorer_id")
);
--> statement-breakpoint
ALTER TABLE "assessment_appeals" ADD CONSTRAINT "assessment_appeals_run_id_assessment_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."assessment_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_appeals" ADD CONSTRAINT "assessment_appeals_participant_id_assessment_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."assessment_participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_panel_members" ADD CONSTRAINT "assessment_panel_members_scheme_id_assessment_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."assessment_schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_panel_members" ADD CONSTRAINT "assessment_panel_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_participants" ADD CONSTRAINT "assessment_participants_scheme_id_assessment_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."assessment_schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_participants" ADD CONSTRAINT "assessment_participants_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_participants" ADD CONSTRAINT "assessment_participants_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_results" ADD CONSTRAINT "assessment_results_run_id_assessment_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."assessment_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_results" ADD CONSTRAINT "assessment_results_participant_id_assessment_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."assessment_participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_runs" ADD CONSTRAINT "assessment_runs_scheme_id_assessment_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."assessment_schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_scores" ADD CONSTRAINT "assessment_scores_run_id_assessment_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."assessment_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_scores" ADD CONSTRAINT "assessment_scores_participant_id_assessment_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."assessment_participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_scores" ADD CONSTRAINT "assessment_scores_scorer_id_users_id_fk" FOREIGN KEY ("scorer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_appeals_run_idx" ON "assessment_appeals" USING btree ("run_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_participants_unit_uq" ON "assessment_participants" USING btree ("scheme_id","unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_participants_project_uq" ON "assessment_participants" USING btree ("scheme_id","project_id");--> statement-breakpoint
CREATE INDEX "assessment_results_flag_idx" ON "assessment_results" USING btree ("red_flag","participant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_runs_period_uq" ON "assessment_runs" USING btree ("scheme_id","period");--> statement-breakpoint
CREATE INDEX "assessment_scores_participant_idx" ON "assessment_scores" USING btree ("run_id","participant_id");