// Subscribes this device to reminder pushes when someone is signed in and notifications are allowed.
// Loaded with the sync services (after first paint); a failure leaves reminders in the page.
import type { TendDb } from '../../db/database';
import { getSyncServices } from '../../sync/setup';
import { subscribeToPush } from '../../sync/push-subscription';
import type { PushResult } from '../../sync/push-subscription';

export async function subscribeSignedInDevice(db: TendDb): Promise<PushResult> {
  const services = getSyncServices();
  if (!services?.auth.user() || typeof Notification === 'undefined') return 'signed_out';
  if (Notification.permission !== 'granted') return 'unavailable';
  const registration = await navigator.serviceWorker?.getRegistration().catch(() => undefined);
  if (!registration?.pushManager) return 'unavailable';
  return subscribeToPush({
    db,
    baseUrl: location.origin,
    fetch: (...args) => fetch(...args),
    getAccessToken: services.auth.getAccessToken,
    pushManager: registration.pushManager,
  });
}
