// Projects as records, as a person uses them: create one from the sidebar, file a task into it with quick
// add, rename it, and find the task still in it, here and on a second device after sync. Then delete the
// project with its task, and one Undo brings both back. Also: a parent project from the project page, and
// archived projects listed in the sidebar, and drag reordering there.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { inbox, openDevice, signIn, syncNow, uniqueEmail } from './support/account.ts';
import { captureTask, openApp, submitQuickAdd, taskCheckbox } from './support/app.ts';

const projectsNav = (page: Page) =>
  page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('list', { name: 'Projects', exact: true });

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

async function newProject(page: Page, name: string) {
  await page.getByRole('button', { name: 'New project' }).click();
  await page.getByRole('textbox', { name: 'New project name' }).fill(name);
  await page.keyboard.press('Enter');
  await expect(page.locator('#view-title')).toHaveText(name);
}

test('a project goes under another from its page, a cycle is refused, and archived ones stay reachable', async ({
  page,
}) => {
  await openApp(page, '/inbox');
  await newProject(page, 'Home');
  await newProject(page, 'Kitchen');
  const parent = page.getByRole('combobox', { name: 'Parent project' });
  await parent.selectOption({ label: 'Home' });
  await expect(parent).toHaveValue(/[0-9a-f-]{36}/);

  // Home under Kitchen would be a cycle: refused in words, and the picker shows the truth again.
  await openProject(page, 'Home');
  await parent.selectOption({ label: 'Kitchen' });
  await expect(page.getByText('That project cannot go inside that one.')).toBeVisible();
  await expect(parent).toHaveValue('');

  // Archived: gone from Projects, listed under Archived projects, and its page opens from there.
  await page.getByRole('button', { name: 'Archive' }).click();
  await expect(projectsNav(page).getByRole('link', { name: 'Home' })).toHaveCount(0);
  const archived = page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('list', { name: 'Archived projects' });
  await page.goto('/inbox');
  await archived.getByRole('link', { name: 'Home' }).click();
  await expect(page.locator('#view-title')).toHaveText('Home');
  await page.getByRole('button', { name: 'Unarchive' }).click();
  await expect(projectsNav(page).getByRole('link', { name: 'Home' })).toBeVisible();
  await expect(archived).toHaveCount(0);
});

test('a project dragged onto another in the sidebar takes its place', async ({ page }) => {
  await openApp(page, '/inbox');
  await newProject(page, 'Alpha');
  await newProject(page, 'Beta');
  await newProject(page, 'Gamma');
  const links = projectsNav(page).getByRole('link');
  await expect(links).toHaveText(['Alpha', 'Beta', 'Gamma']);
  await projectsNav(page)
    .getByRole('listitem')
    .filter({ hasText: 'Gamma' })
    .dragTo(projectsNav(page).getByRole('listitem').filter({ hasText: 'Alpha' }));
  await expect(links).toHaveText(['Gamma', 'Alpha', 'Beta']);
  // The order is stored: it survives a reload.
  await page.reload();
  await expect(links).toHaveText(['Gamma', 'Alpha', 'Beta']);
});
