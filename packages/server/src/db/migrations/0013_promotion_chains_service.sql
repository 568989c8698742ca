CREATE TABLE "chain_segment_companies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"segment_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"enterprise_id" uuid,
	"name" text,
	"lead_id" uuid,
	"chain_leader" boolean DEFAULT false NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "chain_segments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"chain_id" uuid NOT NULL,
	"parent_id" uuid,
	"name" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "industry_chains" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"chief_user_id" uuid,
	"sort" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "industry_chains_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "promotion_receptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid,
	"held_on" date NOT NULL,
	"visitor_company" text NOT NULL,
	"visitors" text NOT NULL,
	"host_user_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"outcome" text,
	"lead_ids" uuid[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "promotion_trips" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid,
	"destination" text NOT NULL,
	"start_on" date NOT NULL,
	"end_on" date NOT NULL,
	"member_user_ids" uuid[] NOT NULL,
	"companies_visited" text[] NOT NULL,
	"outcome" text,
	"lead_ids" uuid[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "service_pairings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cadre_user_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"role" text DEFAULT 'primary' NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "service_reply_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "service_request_refusals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"unit_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"redirected_to_unit_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by_user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "service_request_rounds" (
	"request_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"unit_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"response_due_at" timestamp with time zone NOT NULL,
	"responded_at" timestamp with time zone,
	"completion_due_on" date NOT NULL,
	"completed_on" date,
	"answer" text,
	"answered_by" uuid,
	"resolved" boolean,
	"rating" text,
	"rating_comment" text,
	"rated_at" timestamp with time zone,
	"rated_by" uuid,
	CONSTRAINT "service_request_rounds_request_id_round_pk" PRIMARY KEY("request_id","round")
);
--> statement-breakpoint
CREATE TABLE "service_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"category" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"contact_name" text,
	"contact_phone" text,
	"filed_via" text NOT NULL,
	"filed_by" uuid,
	"filed_at" timestamp with time zone NOT NULL,
	"visit_id" uuid,
	"status" text NOT NULL,
	"round" integer DEFAULT 1 NOT NULL,
	"unit_id" uuid,
	"closed_at" timestamp with time zone,
	"followed_up_at" timestamp with time zone,
	"follow_up_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "service_requests_item_id_unique" UNIQUE("item_id")
);
--> statement-breakpoint
CREATE TABLE "service_routes" (
	"category" text PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "service_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"cadre_user_id" uuid NOT NULL,
	"visited_on" date NOT NULL,
	"people" text NOT NULL,
	"topics" text NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "chain_segment_companies" ADD CONSTRAINT "chain_segment_companies_segment_id_chain_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."chain_segments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_segment_companies" ADD CONSTRAINT "chain_segment_companies_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_segment_companies" ADD CONSTRAINT "chain_segment_companies_lead_id_promotion_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."promotion_leads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_segments" ADD CONSTRAINT "chain_segments_chain_id_industry_chains_id_fk" FOREIGN KEY ("chain_id") REFERENCES "public"."industry_chains"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_segments" ADD CONSTRAINT "chain_segments_parent_id_chain_segments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."chain_segments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "industry_chains" ADD CONSTRAINT "industry_chains_chief_user_id_users_id_fk" FOREIGN KEY ("chief_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_receptions" ADD CONSTRAINT "promotion_receptions_team_id_promotion_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."promotion_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_receptions" ADD CONSTRAINT "promotion_receptions_host_user_id_users_id_fk" FOREIGN KEY ("host_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_trips" ADD CONSTRAINT "promotion_trips_team_id_promotion_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."promotion_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_pairings" ADD CONSTRAINT "service_pairings_cadre_user_id_users_id_fk" FOREIGN KEY ("cadre_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_pairings" ADD CONSTRAINT "service_pairings_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_request_refusals" ADD CONSTRAINT "service_request_refusals_request_id_service_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."service_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_request_refusals" ADD CONSTRAINT "service_request_refusals_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_request_refusals" ADD CONSTRAINT "service_request_refusals_redirected_to_unit_id_units_id_fk" FOREIGN KEY ("redirected_to_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_request_refusals" ADD CONSTRAINT "service_request_refusals_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_request_rounds" ADD CONSTRAINT "service_request_rounds_request_id_service_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."service_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_request_rounds" ADD CONSTRAINT "service_request_rounds_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_request_rounds" ADD CONSTRAINT "service_request_rounds_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_request_rounds" ADD CONSTRAINT "service_request_rounds_rated_by_users_id_fk" FOREIGN KEY ("rated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_item_id_ledger_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."ledger_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_visit_id_service_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."service_visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_routes" ADD CONSTRAINT "service_routes_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_visits" ADD CONSTRAINT "service_visits_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_visits" ADD CONSTRAINT "service_visits_cadre_user_id_users_id_fk" FOREIGN KEY ("cadre_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chain_segment_companies_segment_idx" ON "chain_segment_companies" USING btree ("segment_id");--> statement-breakpoint
CREATE INDEX "chain_segment_companies_enterprise_idx" ON "chain_segment_companies" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "chain_segments_chain_idx" ON "chain_segments" USING btree ("chain_id","position");--> statement-breakpoint
CREATE INDEX "promotion_receptions_team_idx" ON "promotion_receptions" USING btree ("team_id","held_on");--> statement-breakpoint
CREATE INDEX "promotion_receptions_held_idx" ON "promotion_receptions" USING btree ("held_on");--> statement-breakpoint
CREATE INDEX "promotion_trips_team_idx" ON "promotion_trips" USING btree ("team_id","start_on");--> statement-breakpoint
CREATE INDEX "promotion_trips_start_idx" ON "promotion_trips" USING btree ("start_on");--> statement-breakpoint
CREATE UNIQUE INDEX "service_pairings_uq" ON "service_pairings" USING btree ("cadre_user_id","enterprise_id","starts_on") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "service_pairings_enterprise_idx" ON "service_pairings" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "service_request_refusals_request_idx" ON "service_request_refusals" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "service_request_refusals_unit_idx" ON "service_request_refusals" USING btree ("unit_id","at");--> statement-breakpoint
CREATE INDEX "service_request_rounds_unit_idx" ON "service_request_rounds" USING btree ("unit_id","started_at");--> statement-breakpoint
CREATE INDEX "service_request_rounds_started_idx" ON "service_request_rounds" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "service_requests_enterprise_idx" ON "service_requests" USING btree ("enterprise_id","filed_at");--> statement-breakpoint
CREATE INDEX "service_requests_unit_idx" ON "service_requests" USING btree ("unit_id","status");--> statement-breakpoint
CREATE INDEX "service_requests_filed_idx" ON "service_requests" USING btree ("filed_at");--> statement-breakpoint
CREATE INDEX "service_visits_enterprise_idx" ON "service_visits" USING btree ("enterprise_id","visited_on");--> statement-breakpoint
CREATE INDEX "service_visits_cadre_idx" ON "service_visits" USING btree ("cadre_user_id","visited_on");--> statement-breakpoint
ALTER TABLE "promotion_leads" ADD CONSTRAINT "promotion_leads_chain_segment_id_chain_segments_id_fk" FOREIGN KEY ("chain_segment_id") REFERENCES "public"."chain_segments"("id") ON DELETE no action ON UPDATE no action;