// Comments on a task: add one (its link opens, a script URL stays text), edit it, delete it and Undo,
// see it on a second device after sync, and bring Todoist notes in as comments. The detail with comments
// passes axe in light and dark.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { inbox, openDevice, signIn, syncNow, uniqueEmail } from './support/account.ts';
import { captureTask, openApp, openTask } from './support/app.ts';
import { expectNoViolations } from './support/axe.ts';

const commentBox = (page: Page) => page.getByRole('textbox', { name: 'Add comment' });
const commentList = (page: Page) => page.getByRole('list', { name: 'Comments' });

async function postComment(page: Page, text: string) {
  await commentBox(page).fill(text);
  await commentBox(page).press('Enter');
  await expect(commentBox(page)).toHaveValue('');
  await expect(commentList(page).getByRole('listitem').filter({ hasText: text })).toBeVisible();
}

test('add, link, edit, delete with Undo, and a second device after sync', async ({ browser }) => {
  test.setTimeout(120_000);
  const email = uniqueEmail('comments');
  const a = await openDevice(browser);
  const b = await openDevice(browser);
  await signIn(a.page, email, 'Create account');
  await inbox(a.page);
  await captureTask(a.page, 'Fix the sink');
  await openTask(a.page, 'Fix the sink');

  await postComment(a.page, 'Parts at https://example.com/parts. Not javascript:alert(1) <b>x</b>');
  const first = commentList(a.page).getByRole('listitem').first();
  const link = first.getByRole('link', { name: 'https://example.com/parts' });
  await expect(link).toHaveAttribute('href', 'https://example.com/parts');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(first.getByRole('link')).toHaveCount(1);
  await expect(first).toContainText('<b>x</b>');
  await expect(first.locator('time')).toBeVisible();

  // The post button works too; newest last.
  await commentBox(a.page).fill('Call Sam');
  await a.page.getByRole('button', { name: 'Post' }).click();
  await expect(commentList(a.page).getByRole('listitem')).toHaveCount(2);
  await expect(commentList(a.page).getByRole('listitem').last()).toContainText('Call Sam');

  // Edit in place with the keyboard.
  const sam = commentList(a.page).getByRole('listitem').filter({ hasText: 'Call Sam' });
  await sam.getByRole('button', { name: 'Edit' }).click();
  const edit = a.page.getByRole('textbox', { name: 'Edit comment' });
  await edit.fill('Call Sam at 9');
  await edit.press('Enter');
  await expect(commentList(a.page).getByText('Call Sam at 9')).toBeVisible();

  // Delete, then Undo brings it back.
  await commentList(a.page)
    .getByRole('listitem')
    .filter({ hasText: 'Call Sam at 9' })
    .getByRole('button', { name: 'Delete' })
    .click();
  await expect(commentList(a.page).getByRole('listitem')).toHaveCount(1);
  // Its Undo is in the dialog, focused, so Enter brings the comment back.
  const undo = a.page.getByRole('dialog').getByRole('status').getByRole('button', { name: 'Undo' });
  await expect(undo).toBeFocused();
  await a.page.keyboard.press('Enter');
  await expect(commentList(a.page).getByRole('listitem')).toHaveCount(2);
  await a.page.keyboard.press('Escape');
  // The row says how many comments the task has.
  const row = a.page
    .getByRole('listitem')
    .filter({ has: a.page.getByRole('checkbox', { name: 'Fix the sink' }) });
  await expect(row.getByText('2 comments')).toHaveCount(1);
  await syncNow(a.page);

  // The second device sees both comments, edited, in order, with the link clickable.
  await signIn(b.page, email, 'Sign in');
  await syncNow(b.page);
  await inbox(b.page);
  await openTask(b.page, 'Fix the sink');
  const items = commentList(b.page).getByRole('listitem');
  await expect(items).toHaveCount(2);
  await expect(
    items.first().getByRole('link', { name: 'https://example.com/parts' }),
  ).toBeVisible();
  await expect(items.last()).toContainText('Call Sam at 9');
  await a.context.close();
  await b.context.close();
});

test('Todoist notes become comments of the task above them', async ({ page }) => {
  await openApp(page, '/settings');
  await page.locator('#import-file').setInputFiles({
    name: 'Inbox.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      [
        'TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT',
        'task,Paint the hall,Two coats,1,1',
        'note,Colour chart at https://example.com/colours,,,',
        'note,Buy white,,,',
        'task,Fix the gate,,4,1',
      ].join('\n'),
    ),
  });
  await expect(page.getByText(/Imported 2 tasks and 2 comments from Todoist/)).toBeVisible();
  await inbox(page);
  await openTask(page, 'Paint the hall');
  await expect(page.getByLabel('Notes')).toHaveValue('Two coats');
  const items = commentList(page).getByRole('listitem');
  await expect(items).toHaveCount(2);
  await expect(
    items.first().getByRole('link', { name: 'https://example.com/colours' }),
  ).toBeVisible();
  await expect(items.last()).toContainText('Buy white');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the detail with comments passes axe (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await openApp(page, '/inbox');
    await captureTask(page, 'Book the venue');
    await openTask(page, 'Book the venue');
    await postComment(page, 'Quote at https://example.com/quote');
    await postComment(page, 'Second comment');
    await commentList(page).getByRole('button', { name: 'Edit' }).last().click();
    await expect(page.getByRole('textbox', { name: 'Edit comment' })).toBeVisible();
    await expectNoViolations(page, `task detail with comments (${colorScheme})`);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();
    await expect(page.getByText('2 comments')).toHaveCount(1);
    await expectNoViolations(page, `list with a comment count (${colorScheme})`);
  });
}
