CREATE TABLE "economy_figures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	"period" text NOT NULL,
	"period_ordinal" integer NOT NULL,
	"value" numeric(20, 4),
	"growth" numeric(8, 2),
	"month_value" numeric(20, 4),
	"month_growth" numeric(8, 2),
	"status" text DEFAULT 'draft' NOT NULL,
	"revision_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"approved_at" timestamp with time zone,
	"approved_by" uuid
);
--> statement-breakpoint
CREATE TABLE "economy_indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"aliases" text[] DEFAULT '{}'::text[] NOT NULL,
	"unit" text NOT NULL,
	"unit_en" text NOT NULL,
	"frequency" text NOT NULL,
	"value_kind" text NOT NULL,
	"growth_kind" text NOT NULL,
	"higher_is_better" boolean DEFAULT true NOT NULL,
	"rank_by" text DEFAULT 'growth' NOT NULL,
	"additive" boolean DEFAULT true NOT NULL,
	"alert_level" numeric(8, 2),
	"excellent_level" numeric(8, 2),
	"lead_unit_id" uuid,
	"owner_user_id" uuid,
	"source" text,
	"notes" text,
	"leading" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 100 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "economy_indicators_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "economy_regions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"aliases" text[] DEFAULT '{}'::text[] NOT NULL,
	"kind" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 100 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "economy_regions_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "economy_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"value" numeric(20, 4) NOT NULL,
	"set_on" date NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
ALTER TABLE "economy_figures" ADD CONSTRAINT "economy_figures_indicator_id_economy_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."economy_indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_figures" ADD CONSTRAINT "economy_figures_region_id_economy_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."economy_regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_figures" ADD CONSTRAINT "economy_figures_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_figures" ADD CONSTRAINT "economy_figures_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_indicators" ADD CONSTRAINT "economy_indicators_lead_unit_id_units_id_fk" FOREIGN KEY ("lead_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_indicators" ADD CONSTRAINT "economy_indicators_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_targets" ADD CONSTRAINT "economy_targets_indicator_id_economy_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."economy_indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "economy_figures_uq" ON "economy_figures" USING btree ("indicator_id","region_id","period");--> statement-breakpoint
CREATE INDEX "economy_figures_period_idx" ON "economy_figures" USING btree ("period","indicator_id");--> statement-breakpoint
CREATE INDEX "economy_figures_series_idx" ON "economy_figures" USING btree ("indicator_id","period_ordinal");--> statement-breakpoint
CREATE INDEX "economy_figures_latest_idx" ON "economy_figures" USING btree ("region_id","period_ordinal") WHERE status = 'approved';--> statement-breakpoint
CREATE UNIQUE INDEX "economy_targets_uq" ON "economy_targets" USING btree ("indicator_id","year");