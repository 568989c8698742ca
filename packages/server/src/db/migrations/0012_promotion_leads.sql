CREATE TABLE "promotion_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lead_id" uuid NOT NULL,
	"criteria" jsonb NOT NULL,
	"results" jsonb NOT NULL,
	"computed_pass" boolean NOT NULL,
	"decision" text NOT NULL,
	"reasons" text NOT NULL,
	"assessed_by" uuid NOT NULL,
	"assessed_at" timestamp with time zone NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "promotion_lead_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lead_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_value" text,
	"to_value" text,
	"reason" text,
	"at" timestamp with time zone NOT NULL,
	"by_user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "promotion_leads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"company" text NOT NULL,
	"company_key" text NOT NULL,
	"uscc" text,
	"parent_company" text,
	"country_region" text NOT NULL,
	"fortune500" boolean DEFAULT false NOT NULL,
	"industry" text NOT NULL,
	"content" text,
	"planned_investment" numeric(16, 2),
	"currency" text,
	"foreign_amount" numeric(20, 6),
	"fx_rate" numeric(14, 6),
	"land_mu" double precision,
	"expected_tax" double precision,
	"energy_use" double precision,
	"expected_output" double precision,
	"environmental_category" text,
	"chain_fit" boolean,
	"chain_segment_id" uuid,
	"source" text NOT NULL,
	"referrer" text,
	"referrer_phone" text,
	"contacts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"owner_user_id" uuid NOT NULL,
	"owner_unit_id" uuid NOT NULL,
	"team_id" uuid,
	"stage" text DEFAULT 'lead' NOT NULL,
	"outcome" text DEFAULT 'active' NOT NULL,
	"registered_on" date NOT NULL,
	"signed_on" date,
	"signed_amount" numeric(16, 2),
	"planned_start_on" date,
	"started_on" date,
	"capital_in_place" numeric(16, 2),
	"production_on" date,
	"clocks_done" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"clock_state" text DEFAULT 'open' NOT NULL,
	"project_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "promotion_leads_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "promotion_team_members" (
	"team_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text DEFAULT 'member' NOT NULL,
	CONSTRAINT "promotion_team_members_team_id_user_id_pk" PRIMARY KEY("team_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "promotion_teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"leader_user_id" uuid,
	"unit_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "promotion_teams_name_unique" UNIQUE("name")
);
--> statement-breakpoint
ALTER TABLE "promotion_assessments" ADD CONSTRAINT "promotion_assessments_lead_id_promotion_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."promotion_leads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_assessments" ADD CONSTRAINT "promotion_assessments_assessed_by_users_id_fk" FOREIGN KEY ("assessed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_assessments" ADD CONSTRAINT "promotion_assessments_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_lead_events" ADD CONSTRAINT "promotion_lead_events_lead_id_promotion_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."promotion_leads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_lead_events" ADD CONSTRAINT "promotion_lead_events_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_leads" ADD CONSTRAINT "promotion_leads_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_leads" ADD CONSTRAINT "promotion_leads_owner_unit_id_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_leads" ADD CONSTRAINT "promotion_leads_team_id_promotion_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."promotion_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_leads" ADD CONSTRAINT "promotion_leads_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_team_members" ADD CONSTRAINT "promotion_team_members_team_id_promotion_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."promotion_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_team_members" ADD CONSTRAINT "promotion_team_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_teams" ADD CONSTRAINT "promotion_teams_leader_user_id_users_id_fk" FOREIGN KEY ("leader_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_teams" ADD CONSTRAINT "promotion_teams_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "promotion_assessments_lead_idx" ON "promotion_assessments" USING btree ("lead_id");--> statement-breakpoint
CREATE INDEX "promotion_lead_events_lead_idx" ON "promotion_lead_events" USING btree ("lead_id","at");--> statement-breakpoint
CREATE INDEX "promotion_leads_stage_idx" ON "promotion_leads" USING btree ("stage","registered_on");--> statement-breakpoint
CREATE INDEX "promotion_leads_owner_idx" ON "promotion_leads" USING btree ("owner_user_id");--> statement-breakpoint
CREATE INDEX "promotion_leads_unit_idx" ON "promotion_leads" USING btree ("owner_unit_id");--> statement-breakpoint
CREATE INDEX "promotion_leads_team_idx" ON "promotion_leads" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "promotion_leads_company_key_idx" ON "promotion_leads" USING btree ("company_key");--> statement-breakpoint
CREATE INDEX "promotion_leads_uscc_idx" ON "promotion_leads" USING btree ("uscc");--> statement-breakpoint
CREATE INDEX "promotion_team_members_user_idx" ON "promotion_team_members" USING btree ("user_id");