-- Read paths of key projects at scale (bench/projects.ts, 10,000 projects): the project row is wide (funding,
-- contractors, approvals, outline), so the map, the counts and the dashboard read a covering index instead of the
-- table; the list's default order has its own index; the dashboard's monthly sums read approved reports only; the
-- board and the light job find a project's open milestones directly.
CREATE INDEX IF NOT EXISTS projects_live_cover_idx ON projects (id) INCLUDE (lead_unit_id, owner_enterprise_id, parent_id, stage, light, industry, level, focus, total_investment, annual_plan, ytd_completed, plan_year, planned_start_on, created_at, lng, lat, name) WHERE deleted_at IS NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS projects_invest_idx ON projects (total_investment DESC NULLS LAST, id) WHERE deleted_at IS NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS investment_reports_approved_idx ON investment_reports (year, month) INCLUDE (project_id, planned, completed) WHERE status = 'approved';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS project_milestones_open_project_idx ON project_milestones (project_id, planned_on) WHERE actual_on IS NULL;
--> statement-breakpoint
-- The answer cache (platform/response-cache.ts) keeps the battle map, the dashboard and the project list for a few
-- seconds; every statement that changes what they show tells all instances to drop it.
CREATE TRIGGER projects_changed_notify AFTER INSERT OR UPDATE OR DELETE ON projects FOR EACH STATEMENT EXECUTE FUNCTION zoneops_auth_changed();
--> statement-breakpoint
CREATE TRIGGER project_leaders_changed_notify AFTER INSERT OR UPDATE OR DELETE ON project_leaders FOR EACH STATEMENT EXECUTE FUNCTION zoneops_auth_changed();
--> statement-breakpoint
CREATE TRIGGER project_units_changed_notify AFTER INSERT OR UPDATE OR DELETE ON project_units FOR EACH STATEMENT EXECUTE FUNCTION zoneops_auth_changed();
--> statement-breakpoint
CREATE TRIGGER project_milestones_changed_notify AFTER INSERT OR UPDATE OR DELETE ON project_milestones FOR EACH STATEMENT EXECUTE FUNCTION zoneops_auth_changed();
--> statement-breakpoint
CREATE TRIGGER investment_reports_changed_notify AFTER INSERT OR UPDATE OR DELETE ON investment_reports FOR EACH STATEMENT EXECUTE FUNCTION zoneops_auth_changed();
--> statement-breakpoint
CREATE TRIGGER ledger_items_project_changed_notify AFTER INSERT OR UPDATE OR DELETE ON ledger_items FOR EACH STATEMENT EXECUTE FUNCTION zoneops_auth_changed();
