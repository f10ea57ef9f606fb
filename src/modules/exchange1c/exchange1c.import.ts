import { access, readdir } from 'node:fs/promises';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../server/core/db.js';
import type { ModuleContext } from '../../server/core/module.js';
import { type FileStorage, storageFor } from '../../server/core/storage.js';
import { countingSink, readPackage } from './commerceml/package.js';
import { CatalogWriter } from './commerceml/writer.js';
import { CommerceMlError } from './commerceml/xml-stream.js';
import type { ExchangeSession } from './exchange1c.auth.js';
import { pathIn, pendingZips, unzipInto } from './exchange1c.files.js';
import { storeExchangedImages } from './exchange1c.images.js';
import { type ExchangeFileState, exchange1cSessions } from './exchange1c.tables.js';

/** How long one `mode=import` request works before answering `progress` (1C repeats the request). */
export const importStepMs = { value: 3000 };
/** A running import whose process has not reported for this long is taken over by whoever asks next. */
const staleMs = 60_000;

export interface StepResult {
  status: 'success' | 'progress' | 'failure';
  message: string;
}

interface Task {
  state: ExchangeFileState;
  done: Promise<void>;
}

/** Imports running in this process, by session and file. The state is also kept in the session row. */
const tasks = new Map<string, Task>();

/** Forgets the per-file import state of a session (mode=init starts a new upload). */
export async function resetSessionFiles(db: Db, sessionId: string): Promise<void> {
  await db
    .update(exchange1cSessions)
    .set({ files: {}, result: 'open' })
    .where(eq(exchange1cSessions.id, sessionId));
}

async function saveState(db: Db, sessionId: string, name: string, state: ExchangeFileState): Promise<void> {
  const result =
    state.status === 'failed'
      ? sql`'failure'`
      : state.status === 'done'
        ? sql`case when result = 'failure' then 'failure' else 'success' end`
        : sql`result`;
  await db.execute(sql`update exchange1c_sessions
    set files = jsonb_set(files, array[${name}::text], ${JSON.stringify(state)}::jsonb), result = ${result}
    where id = ${sessionId}`);
}

const summary = (state: ExchangeFileState) =>
  Object.entries(state.counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k}=${n}`)
    .join(' ');

function resultOf(state: ExchangeFileState): StepResult {
  if (state.status === 'done') return { status: 'success', message: `imported ${summary(state)}`.trim() };
  if (state.status === 'failed') return { status: 'failure', message: state.error ?? 'import failed' };
  return { status: 'progress', message: `${state.phase} ${summary(state)}`.trim() };
}

/**
 * One `mode=import` request: unpacks pending archives first (one step), then starts or continues importing
 * the file in the background of this process and waits for it up to `importStepMs`, answering `progress`
 * until it is done. The work is not bound to requests, so a slow database never makes 1C time out.
 */
export async function importStep(
  ctx: ModuleContext,
  session: ExchangeSession,
  dir: string,
  name: string,
): Promise<StepResult> {
  const zips = await pendingZips(dir);
  if (zips.length > 0) {
    let files = 0;
    try {
      for (const zip of zips) files += await unzipInto(zip, dir);
    } catch {
      return { status: 'failure', message: 'damaged zip archive' };
    }
    return { status: 'progress', message: `unzipped ${files} files` };
  }
  const key = `${session.id}/${name}`;
  let task = tasks.get(key);
  if (!task) {
    const stored = session.files[name];
    if (stored && stored.status !== 'running') return resultOf(stored);
    if (stored && Date.now() - Date.parse(stored.heartbeat) < staleMs) return resultOf(stored);
    const path = pathIn(dir, name);
    if (
      !(await access(path).then(
        () => true,
        () => false,
      ))
    )
      return { status: 'failure', message: `file not uploaded: ${name}` };
    task = startTask(ctx, session.id, dir, name);
    tasks.set(key, task);
  }
  const current = task;
  await Promise.race([current.done, new Promise((wake) => setTimeout(wake, importStepMs.value))]);
  if (current.state.status !== 'running') tasks.delete(key);
  return resultOf(current.state);
}

function startTask(ctx: ModuleContext, sessionId: string, dir: string, name: string): Task {
  const now = new Date().toISOString();
  const state: ExchangeFileState = {
    status: 'running',
    phase: 'checking',
    counts: {},
    startedAt: now,
    heartbeat: now,
  };
  let lastSaved = 0;
  const beat = async () => {
    state.heartbeat = new Date().toISOString();
    if (Date.now() - lastSaved < 2000) return;
    lastSaved = Date.now();
    await saveState(ctx.db, sessionId, name, state);
  };
  const done = (async () => {
    try {
      await saveState(ctx.db, sessionId, name, state);
      await importFile(ctx.db, dir, name, state, beat, storageFor(ctx.config));
      state.status = 'done';
    } catch (error) {
      state.status = 'failed';
      state.error =
        error instanceof CommerceMlError ? error.message : 'internal error while writing the catalog';
      if (!(error instanceof CommerceMlError)) console.error('1C import failed', error);
    }
    state.finishedAt = new Date().toISOString();
    state.heartbeat = state.finishedAt;
    await saveState(ctx.db, sessionId, name, state).catch(() => {});
  })();
  return { state, done };
}

/**
 * Imports one file in two passes. The first only reads: it proves the whole file well-formed CommerceML with
 * readable values, so a bad, truncated or foreign file fails before anything is written and the catalog is
 * unchanged. The second streams the file again and writes it in batches.
 */
export async function importFile(
  db: Db,
  dir: string,
  name: string,
  state: ExchangeFileState,
  beat: () => Promise<void> = async () => {},
  storage?: FileStorage,
): Promise<void> {
  const path = pathIn(dir, name);
  const counter = countingSink();
  const drain = counter.drain;
  counter.drain = async () => {
    await drain();
    await beat();
  };
  const info = await readPackage(path, counter);
  if (!info.hasClassifier && !info.hasCatalog && !info.hasOffers) {
    throw new CommerceMlError(
      info.hasDocuments
        ? 'file holds orders, not a catalog (use type=sale)'
        : 'file holds no classifier, catalog or offers',
    );
  }
  state.phase = 'writing';
  const writer = await CatalogWriter.open(db);
  const writerDrain = writer.drain.bind(writer);
  writer.drain = async () => {
    await writerDrain();
    Object.assign(state.counts, writer.counts);
    await beat();
  };
  await readPackage(path, writer);
  await writer.finish();
  if (info.catalogOnlyChanges === false && (await onlyCatalogFile(dir, name)))
    await writer.archiveMissingProducts();
  Object.assign(state.counts, writer.counts);
  if (storage) state.counts.imageFiles = await storeExchangedImages(db, storage, dir);
}

/**
 * A full catalog archives the products it left out only when it is the session's one and only catalog file:
 * 1C splits big catalogs into several files (import0_1.xml, import___<uuid>.xml …) each holding a part.
 */
async function onlyCatalogFile(dir: string, name: string): Promise<boolean> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const catalogs = names.filter((n) => /\.xml$/i.test(n) && !/^(offers|prices|rests)/i.test(n));
  return catalogs.length === 1 && catalogs[0] === name;
}
