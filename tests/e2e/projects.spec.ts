// Projects as records, as a person uses them: create one from the sidebar, file a task into it with quick
// add, rename it, and find the task still in it, here and on a second device after sync. Then delete the
// project with its task, and one Undo brings both back.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { inbox, openDevice, signIn, syncNow, uniqueEmail } from './support/account.ts';
import { captureTask, submitQuickAdd, taskCheckbox } from './support/app.ts';

const projectsNav = (page: Page) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('list', { name: 'Projects' });

async function openProject(page: Page, name: string) {
  await projectsNav(page).getByRole('link', { name }).click();
  await expect(page.locator('#view-title')).toHaveText(name);
}

test('a renamed project keeps its tasks, on this device and another after sync', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const email = uniqueEmail('projects');
  const a = await openDevice(browser);
  const b = await openDevice(browser);
  await signIn(a.page, email, 'Create account');
  await inbox(a.page);

  // Create the project from the sidebar, by keyboard.
  const newProject = a.page.getByRole('button', { name: 'New project' });
  await newProject.focus();
  await a.page.keyboard.press('Enter');
  await a.page.getByRole('textbox', { name: 'New project name' }).fill('Garden');
  await a.page.keyboard.press('Enter');
  await expect(a.page.locator('#view-title')).toHaveText('Garden');

  // Quick add files a task into it by name.
  await inbox(a.page);
  await submitQuickAdd(a.page, 'Plant tulips #Garden');
  await openProject(a.page, 'Garden');
  await expect(taskCheckbox(a.page, 'Plant tulips')).toBeVisible();

  // Rename: the task is still in it, under the new name.
  await a.page
    .getByRole('group', { name: 'Project' })
    .getByRole('button', { name: 'Rename' })
    .click();
  await a.page.getByRole('textbox', { name: 'Project name' }).fill('Backyard');
  await a.page.keyboard.press('Enter');
  await expect(a.page.locator('#view-title')).toHaveText('Backyard');
  await expect(taskCheckbox(a.page, 'Plant tulips')).toBeVisible();
  await expect(projectsNav(a.page).getByRole('link', { name: 'Garden' })).toHaveCount(0);
  await syncNow(a.page);

  // The second device sees the task in the renamed project.
  await signIn(b.page, email, 'Sign in');
  await syncNow(b.page);
  await inbox(b.page);
  await openProject(b.page, 'Backyard');
  await expect(taskCheckbox(b.page, 'Plant tulips')).toBeVisible();

  // Delete the project with its task, then Undo: both come back.
  await openProject(a.page, 'Backyard');
  await captureTask(a.page, 'Prune roses');
  await a.page.getByRole('button', { name: 'Delete project' }).click();
  const toast = a.page.getByText('Deleted the project “Backyard” and 2 tasks');
  await expect(toast).toBeVisible();
  await expect(projectsNav(a.page).getByRole('link', { name: 'Backyard' })).toHaveCount(0);
  await toast.locator('..').getByRole('button', { name: 'Undo' }).click();
  await expect(a.page.locator('#view-title')).toHaveText('Backyard');
  await expect(taskCheckbox(a.page, 'Prune roses')).toBeVisible();
  await expect(taskCheckbox(a.page, 'Plant tulips')).toBeVisible();
});
