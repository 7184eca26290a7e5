// Tend's installable-app layer. The shell calls startPwa() once and mounts
// <UpdatePrompt /> and <InstallButton />.

export { UpdatePrompt } from './UpdatePrompt.tsx';
export { InstallButton } from './InstallButton.tsx';
export { registerServiceWorker, getUpdateFlow, SERVICE_WORKER_URL } from './register.ts';
export { createUpdateFlow, type UpdateFlow } from './update-flow.ts';
export { createInstallPrompt, getInstallPrompt, type InstallPrompt } from './install-prompt.ts';
export { enableAiCaching, disableAiCaching, isAiCachingEnabled } from './ai-cache.ts';
export { OUTBOX_SYNC_TAG, AI_CACHE_NAME } from '../core/sw-protocol.ts';
export { startPwa } from './start.ts';
