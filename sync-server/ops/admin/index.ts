// /api/admin/*: the staff API, one file per feature; each route names the permission it needs (rbac.ts) and
// records what it did in the audit trail (audit-log.ts).
import type { Hono } from 'hono';
import type { OpsRuntime } from '../runtime';
import { installAnalyticsRoute } from './analytics-route';
import { installAuditRoute } from './audit-route';
import { installBackupRoutes } from './backups-routes';
import { installLogsRoute } from './logs-route';
import { installMaintenanceRoute } from './maintenance-route';
import { installRecoveryLinkRoute } from './recovery-link-route';
import { installUserRoutes } from './users-routes';
import type { AppEnv } from '../../context';

export function installAdminRoutes(app: Hono<AppEnv>, ops: OpsRuntime) {
  installUserRoutes(app, ops);
  installRecoveryLinkRoute(app, ops);
  installAnalyticsRoute(app, ops);
  installLogsRoute(app, ops);
  installAuditRoute(app, ops);
  installBackupRoutes(app, ops);
  installMaintenanceRoute(app, ops);
}
