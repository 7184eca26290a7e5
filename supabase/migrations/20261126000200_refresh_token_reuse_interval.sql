-- When a refresh token was exchanged (as opposed to revoked by logout or reuse detection): GoTrue lets the
-- same token be exchanged again for a few seconds, so two tabs (or the page and its service worker)
-- refreshing at once do not log the user out; after that window a reuse revokes the whole session.
alter table tend_auth.refresh_tokens add column if not exists rotated_at timestamptz;
