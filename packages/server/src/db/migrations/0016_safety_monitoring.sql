CREATE TABLE "major_hazards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"level" integer NOT NULL,
	"installations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"responsible" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"assessed_on" date,
	"assessment_due_on" date,
	"lng" double precision,
	"lat" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ingest_rejections" (
	"sender_key" text NOT NULL,
	"device_id" uuid,
	"channel" text NOT NULL,
	"reason" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"last_detail" text,
	CONSTRAINT "ingest_rejections_sender_key_reason_pk" PRIMARY KEY("sender_key","reason")
);
--> statement-breakpoint
CREATE TABLE "monitoring_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"major_hazard_id" uuid,
	"device_id" uuid,
	"tag" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"unit" text NOT NULL,
	"range_low" double precision,
	"range_high" double precision,
	"hh" double precision,
	"h" double precision,
	"l" double precision,
	"ll" double precision,
	"deadband" double precision DEFAULT 0 NOT NULL,
	"min_duration_s" integer DEFAULT 0 NOT NULL,
	"rate_limit_per_min" double precision,
	"expected_interval_s" integer DEFAULT 60 NOT NULL,
	"stale_after_intervals" integer DEFAULT 3 NOT NULL,
	"lng" double precision,
	"lat" double precision,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "safety_alarm_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"alarm_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"level" text,
	"value" double precision,
	"by_user_id" uuid,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "safety_alarms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"point_id" uuid,
	"device_id" uuid,
	"enterprise_id" uuid NOT NULL,
	"major_hazard_id" uuid,
	"rule" text NOT NULL,
	"level" text NOT NULL,
	"band" text,
	"status" text DEFAULT 'raised' NOT NULL,
	"value" double precision,
	"threshold" double precision,
	"peak_value" double precision,
	"occurrences" integer DEFAULT 1 NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"cleared_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"handled_at" timestamp with time zone,
	"handled_by" uuid,
	"handle_note" text,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"close_note" text,
	"escalation" integer DEFAULT 0 NOT NULL,
	"escalated_at" timestamp with time zone,
	"hazard_item_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "safety_devices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"gateway_id" uuid,
	"mn" text,
	"token_hash" text,
	"token_hint" text,
	"token_issued_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"expected_interval_s" integer DEFAULT 60 NOT NULL,
	"last_seen_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "safety_hazards" (
	"item_id" uuid PRIMARY KEY NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"major_hazard_id" uuid,
	"grade" text NOT NULL,
	"origin" text NOT NULL,
	"alarm_id" uuid,
	"found_on" date NOT NULL,
	"category" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "safety_suppressions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"major_hazard_id" uuid,
	"point_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"kind" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "telemetry_hour" (
	"point_id" uuid NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"n" integer NOT NULL,
	"sum" double precision NOT NULL,
	"min" double precision NOT NULL,
	"max" double precision NOT NULL,
	CONSTRAINT "telemetry_hour_point_id_bucket_pk" PRIMARY KEY("point_id","bucket")
);
--> statement-breakpoint
CREATE TABLE "telemetry_latest" (
	"point_id" uuid PRIMARY KEY NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"value" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "telemetry_minute" (
	"point_id" uuid NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"n" integer NOT NULL,
	"sum" double precision NOT NULL,
	"min" double precision NOT NULL,
	"max" double precision NOT NULL,
	CONSTRAINT "telemetry_minute_point_id_bucket_pk" PRIMARY KEY("point_id","bucket")
);
--> statement-breakpoint
CREATE TABLE "telemetry_readings" (
	"point_id" uuid NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"value" double precision NOT NULL,
	CONSTRAINT "telemetry_readings_point_id_ts_pk" PRIMARY KEY("point_id","ts")
) PARTITION BY RANGE ("ts");
--> statement-breakpoint
-- Readings outside every daily partition land here, so nothing accepted is lost; the maintenance job moves them.
CREATE TABLE "telemetry_readings_default" PARTITION OF "telemetry_readings" DEFAULT;
--> statement-breakpoint
ALTER TABLE "major_hazards" ADD CONSTRAINT "major_hazards_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_points" ADD CONSTRAINT "monitoring_points_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_points" ADD CONSTRAINT "monitoring_points_major_hazard_id_major_hazards_id_fk" FOREIGN KEY ("major_hazard_id") REFERENCES "public"."major_hazards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_points" ADD CONSTRAINT "monitoring_points_device_id_safety_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."safety_devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alarm_events" ADD CONSTRAINT "safety_alarm_events_alarm_id_safety_alarms_id_fk" FOREIGN KEY ("alarm_id") REFERENCES "public"."safety_alarms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alarm_events" ADD CONSTRAINT "safety_alarm_events_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alarms" ADD CONSTRAINT "safety_alarms_point_id_monitoring_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."monitoring_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alarms" ADD CONSTRAINT "safety_alarms_device_id_safety_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."safety_devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alarms" ADD CONSTRAINT "safety_alarms_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alarms" ADD CONSTRAINT "safety_alarms_major_hazard_id_major_hazards_id_fk" FOREIGN KEY ("major_hazard_id") REFERENCES "public"."major_hazards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alarms" ADD CONSTRAINT "safety_alarms_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alarms" ADD CONSTRAINT "safety_alarms_handled_by_users_id_fk" FOREIGN KEY ("handled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alarms" ADD CONSTRAINT "safety_alarms_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alarms" ADD CONSTRAINT "safety_alarms_hazard_item_id_ledger_items_id_fk" FOREIGN KEY ("hazard_item_id") REFERENCES "public"."ledger_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_devices" ADD CONSTRAINT "safety_devices_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_devices" ADD CONSTRAINT "safety_devices_gateway_id_safety_devices_id_fk" FOREIGN KEY ("gateway_id") REFERENCES "public"."safety_devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_hazards" ADD CONSTRAINT "safety_hazards_item_id_ledger_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."ledger_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_hazards" ADD CONSTRAINT "safety_hazards_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_hazards" ADD CONSTRAINT "safety_hazards_major_hazard_id_major_hazards_id_fk" FOREIGN KEY ("major_hazard_id") REFERENCES "public"."major_hazards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_hazards" ADD CONSTRAINT "safety_hazards_alarm_id_safety_alarms_id_fk" FOREIGN KEY ("alarm_id") REFERENCES "public"."safety_alarms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_suppressions" ADD CONSTRAINT "safety_suppressions_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_suppressions" ADD CONSTRAINT "safety_suppressions_major_hazard_id_major_hazards_id_fk" FOREIGN KEY ("major_hazard_id") REFERENCES "public"."major_hazards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "major_hazards_code_uq" ON "major_hazards" USING btree ("code") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "major_hazards_enterprise_idx" ON "major_hazards" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "ingest_rejections_last_idx" ON "ingest_rejections" USING btree ("last_at");--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_points_device_tag_uq" ON "monitoring_points" USING btree ("device_id","tag") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "monitoring_points_enterprise_idx" ON "monitoring_points" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "monitoring_points_source_idx" ON "monitoring_points" USING btree ("major_hazard_id");--> statement-breakpoint
CREATE INDEX "safety_alarm_events_alarm_idx" ON "safety_alarm_events" USING btree ("alarm_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "safety_alarms_open_uq" ON "safety_alarms" USING btree ("point_id","device_id","rule") NULLS NOT DISTINCT WHERE closed_at is null;--> statement-breakpoint
CREATE INDEX "safety_alarms_enterprise_idx" ON "safety_alarms" USING btree ("enterprise_id","raised_at");--> statement-breakpoint
CREATE INDEX "safety_alarms_status_idx" ON "safety_alarms" USING btree ("status","raised_at");--> statement-breakpoint
CREATE UNIQUE INDEX "safety_devices_token_uq" ON "safety_devices" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "safety_devices_mn_uq" ON "safety_devices" USING btree ("mn") WHERE deleted_at is null and mn is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "safety_devices_gateway_name_uq" ON "safety_devices" USING btree ("gateway_id","name") WHERE deleted_at is null and gateway_id is not null;--> statement-breakpoint
CREATE INDEX "safety_devices_enterprise_idx" ON "safety_devices" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "safety_hazards_enterprise_idx" ON "safety_hazards" USING btree ("enterprise_id","found_on");--> statement-breakpoint
CREATE INDEX "safety_suppressions_window_idx" ON "safety_suppressions" USING btree ("enterprise_id","ends_at");