CREATE TABLE "carriers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"uscc" text,
	"licence_no" text NOT NULL,
	"licence_expires_on" date,
	"contact_name" text,
	"contact_phone" text,
	"address" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "checkpoint_devices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"checkpoint_id" uuid NOT NULL,
	"lane_code" text,
	"kind" text NOT NULL,
	"vendor" text DEFAULT 'hikvisionIsapi' NOT NULL,
	"serial_no" text NOT NULL,
	"direction" text NOT NULL,
	"name" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"last_event_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "checkpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"lanes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"allowed_categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"lon" double precision,
	"lat" double precision,
	"open" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "entry_appointments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"carrier_id" uuid NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"plate" text NOT NULL,
	"driver_id" uuid NOT NULL,
	"escort_id" uuid,
	"cargo" jsonb NOT NULL,
	"waybill_no" text NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"route_id" uuid,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"enterprise_approved_at" timestamp with time zone,
	"enterprise_approved_by" uuid,
	"park_approved_at" timestamp with time zone,
	"park_approved_by" uuid,
	"rejected_at" timestamp with time zone,
	"rejected_by" uuid,
	"reject_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "gate_event_spool" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"dedup_key" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"remote_addr" text,
	"payload" jsonb NOT NULL,
	"images" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"error" text,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "gate_passes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"spool_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"result" text NOT NULL,
	"direction" text NOT NULL,
	"plate" text,
	"vehicle_id" uuid,
	"person_id" uuid,
	"person_code" text,
	"person_name" text,
	"checkpoint_id" uuid,
	"device_id" uuid,
	"lane_code" text,
	"device_time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"confidence" double precision,
	"images" text[] DEFAULT '{}'::text[] NOT NULL,
	"appointment_id" uuid,
	"visit_id" uuid,
	"findings" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "geofences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"geometry" jsonb NOT NULL,
	"width_m" integer,
	"speed_limit_kmh" integer,
	"capacity" integer,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "park_access_lists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"list" text NOT NULL,
	"subject_kind" text NOT NULL,
	"plate" text,
	"person_id" uuid,
	"reason" text NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_to" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "park_people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"id_number" text,
	"phone" text,
	"carrier_id" uuid,
	"enterprise_id" uuid,
	"qualification_no" text,
	"qualification_expires_on" date,
	"person_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "park_vehicles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plate" text NOT NULL,
	"plate_color" text DEFAULT 'yellow' NOT NULL,
	"carrier_id" uuid,
	"category" text NOT NULL,
	"body" text DEFAULT 'other' NOT NULL,
	"hazmat_classes" text[] DEFAULT '{}'::text[] NOT NULL,
	"transport_cert_no" text,
	"transport_cert_expires_on" date,
	"enterprise_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "park_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_kind" text NOT NULL,
	"plate" text,
	"vehicle_id" uuid,
	"person_id" uuid,
	"person_code" text,
	"appointment_id" uuid,
	"entered_at" timestamp with time zone NOT NULL,
	"exited_at" timestamp with time zone,
	"entry_checkpoint_id" uuid,
	"exit_checkpoint_id" uuid
);
--> statement-breakpoint
CREATE TABLE "position_raw_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"terminal_identifier" text NOT NULL,
	"message_id" integer NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"frame_hex" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "position_terminals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"protocol" text NOT NULL,
	"identifier" text NOT NULL,
	"vehicle_id" uuid,
	"auth_code" text,
	"protocol_version" text,
	"manufacturer" text,
	"model" text,
	"registered_plate" text,
	"registered_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "vehicle_positions" (
	"terminal_id" uuid NOT NULL,
	"vehicle_id" uuid,
	"ts" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"speed_kmh" double precision,
	"course" double precision,
	"altitude_m" double precision,
	"accuracy_m" double precision,
	"alarm_flags" integer DEFAULT 0 NOT NULL,
	"status" integer DEFAULT 0 NOT NULL,
	"flags" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "vehicle_positions_terminal_id_ts_pk" PRIMARY KEY("terminal_id","ts")
) PARTITION BY RANGE ("ts");
--> statement-breakpoint
-- Positions outside every daily partition land here, so nothing acknowledged is lost; the maintenance job moves them.
CREATE TABLE "vehicle_positions_default" PARTITION OF "vehicle_positions" DEFAULT;
--> statement-breakpoint
DROP INDEX "safety_alarms_open_uq";--> statement-breakpoint
ALTER TABLE "safety_alarms" ALTER COLUMN "enterprise_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "safety_alarms" ADD COLUMN "plate" text;--> statement-breakpoint
ALTER TABLE "safety_alarms" ADD COLUMN "vehicle_id" uuid;--> statement-breakpoint
ALTER TABLE "safety_alarms" ADD COLUMN "checkpoint_id" uuid;--> statement-breakpoint
ALTER TABLE "safety_alarms" ADD COLUMN "geofence_id" uuid;--> statement-breakpoint
ALTER TABLE "safety_alarms" ADD COLUMN "appointment_id" uuid;--> statement-breakpoint
ALTER TABLE "safety_alarms" ADD COLUMN "lat" double precision;--> statement-breakpoint
ALTER TABLE "safety_alarms" ADD COLUMN "lon" double precision;--> statement-breakpoint
ALTER TABLE "safety_alarms" ADD COLUMN "detail" jsonb;--> statement-breakpoint
ALTER TABLE "checkpoint_devices" ADD CONSTRAINT "checkpoint_devices_checkpoint_id_checkpoints_id_fk" FOREIGN KEY ("checkpoint_id") REFERENCES "public"."checkpoints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry_appointments" ADD CONSTRAINT "entry_appointments_carrier_id_carriers_id_fk" FOREIGN KEY ("carrier_id") REFERENCES "public"."carriers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry_appointments" ADD CONSTRAINT "entry_appointments_vehicle_id_park_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."park_vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry_appointments" ADD CONSTRAINT "entry_appointments_driver_id_park_people_id_fk" FOREIGN KEY ("driver_id") REFERENCES "public"."park_people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry_appointments" ADD CONSTRAINT "entry_appointments_escort_id_park_people_id_fk" FOREIGN KEY ("escort_id") REFERENCES "public"."park_people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry_appointments" ADD CONSTRAINT "entry_appointments_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry_appointments" ADD CONSTRAINT "entry_appointments_route_id_geofences_id_fk" FOREIGN KEY ("route_id") REFERENCES "public"."geofences"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry_appointments" ADD CONSTRAINT "entry_appointments_enterprise_approved_by_users_id_fk" FOREIGN KEY ("enterprise_approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry_appointments" ADD CONSTRAINT "entry_appointments_park_approved_by_users_id_fk" FOREIGN KEY ("park_approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry_appointments" ADD CONSTRAINT "entry_appointments_rejected_by_users_id_fk" FOREIGN KEY ("rejected_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gate_passes" ADD CONSTRAINT "gate_passes_spool_id_gate_event_spool_id_fk" FOREIGN KEY ("spool_id") REFERENCES "public"."gate_event_spool"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gate_passes" ADD CONSTRAINT "gate_passes_vehicle_id_park_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."park_vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gate_passes" ADD CONSTRAINT "gate_passes_person_id_park_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."park_people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gate_passes" ADD CONSTRAINT "gate_passes_checkpoint_id_checkpoints_id_fk" FOREIGN KEY ("checkpoint_id") REFERENCES "public"."checkpoints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gate_passes" ADD CONSTRAINT "gate_passes_device_id_checkpoint_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."checkpoint_devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gate_passes" ADD CONSTRAINT "gate_passes_appointment_id_entry_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."entry_appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gate_passes" ADD CONSTRAINT "gate_passes_visit_id_park_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."park_visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "park_access_lists" ADD CONSTRAINT "park_access_lists_person_id_park_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."park_people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "park_people" ADD CONSTRAINT "park_people_carrier_id_carriers_id_fk" FOREIGN KEY ("carrier_id") REFERENCES "public"."carriers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "park_people" ADD CONSTRAINT "park_people_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "park_vehicles" ADD CONSTRAINT "park_vehicles_carrier_id_carriers_id_fk" FOREIGN KEY ("carrier_id") REFERENCES "public"."carriers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "park_vehicles" ADD CONSTRAINT "park_vehicles_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "park_visits" ADD CONSTRAINT "park_visits_vehicle_id_park_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."park_vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "park_visits" ADD CONSTRAINT "park_visits_person_id_park_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."park_people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "park_visits" ADD CONSTRAINT "park_visits_appointment_id_entry_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."entry_appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "park_visits" ADD CONSTRAINT "park_visits_entry_checkpoint_id_checkpoints_id_fk" FOREIGN KEY ("entry_checkpoint_id") REFERENCES "public"."checkpoints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "park_visits" ADD CONSTRAINT "park_visits_exit_checkpoint_id_checkpoints_id_fk" FOREIGN KEY ("exit_checkpoint_id") REFERENCES "public"."checkpoints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "position_terminals" ADD CONSTRAINT "position_terminals_vehicle_id_park_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."park_vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "carriers_licence_uq" ON "carriers" USING btree ("licence_no") WHERE deleted_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "checkpoint_devices_serial_uq" ON "checkpoint_devices" USING btree ("vendor","serial_no") WHERE deleted_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "checkpoints_code_uq" ON "checkpoints" USING btree ("code") WHERE deleted_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "entry_appointments_code_uq" ON "entry_appointments" USING btree ("code");--> statement-breakpoint
CREATE INDEX "entry_appointments_plate_idx" ON "entry_appointments" USING btree ("plate","window_start");--> statement-breakpoint
CREATE INDEX "entry_appointments_enterprise_idx" ON "entry_appointments" USING btree ("enterprise_id","window_start");--> statement-breakpoint
CREATE UNIQUE INDEX "gate_event_spool_dedup_uq" ON "gate_event_spool" USING btree ("dedup_key");--> statement-breakpoint
CREATE INDEX "gate_event_spool_pending_idx" ON "gate_event_spool" USING btree ("status","id");--> statement-breakpoint
CREATE UNIQUE INDEX "gate_passes_spool_uq" ON "gate_passes" USING btree ("spool_id");--> statement-breakpoint
CREATE INDEX "gate_passes_time_idx" ON "gate_passes" USING btree ("device_time");--> statement-breakpoint
CREATE INDEX "gate_passes_plate_idx" ON "gate_passes" USING btree ("plate","device_time");--> statement-breakpoint
CREATE INDEX "park_access_lists_plate_idx" ON "park_access_lists" USING btree ("plate");--> statement-breakpoint
CREATE INDEX "park_access_lists_person_idx" ON "park_access_lists" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "park_people_code_uq" ON "park_people" USING btree ("person_code") WHERE deleted_at is null and person_code is not null;--> statement-breakpoint
CREATE INDEX "park_people_carrier_idx" ON "park_people" USING btree ("carrier_id");--> statement-breakpoint
CREATE UNIQUE INDEX "park_vehicles_plate_uq" ON "park_vehicles" USING btree ("plate") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "park_visits_open_idx" ON "park_visits" USING btree ("subject_kind","exited_at");--> statement-breakpoint
CREATE UNIQUE INDEX "park_visits_open_plate_uq" ON "park_visits" USING btree ("plate") WHERE exited_at is null and plate is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "park_visits_open_person_uq" ON "park_visits" USING btree ("person_code") WHERE exited_at is null and person_code is not null;--> statement-breakpoint
CREATE INDEX "position_raw_messages_terminal_idx" ON "position_raw_messages" USING btree ("terminal_identifier","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "position_terminals_identifier_uq" ON "position_terminals" USING btree ("protocol","identifier");--> statement-breakpoint
CREATE INDEX "vehicle_positions_vehicle_idx" ON "vehicle_positions" USING btree ("vehicle_id","ts");--> statement-breakpoint
ALTER TABLE "safety_alarms" ADD CONSTRAINT "safety_alarms_vehicle_id_park_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."park_vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alarms" ADD CONSTRAINT "safety_alarms_checkpoint_id_checkpoints_id_fk" FOREIGN KEY ("checkpoint_id") REFERENCES "public"."checkpoints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alarms" ADD CONSTRAINT "safety_alarms_geofence_id_geofences_id_fk" FOREIGN KEY ("geofence_id") REFERENCES "public"."geofences"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alarms" ADD CONSTRAINT "safety_alarms_appointment_id_entry_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."entry_appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "safety_alarms_open_uq" ON "safety_alarms" USING btree ("point_id","device_id","plate","rule") NULLS NOT DISTINCT WHERE closed_at is null;