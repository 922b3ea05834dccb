import { type FSWatcher, watch } from 'node:fs';
import { basename, dirname } from 'node:path';

/** Sleeps between reads of a followed file, woken early when the file's folder changes. */
export interface FollowWaker {
  /** Resolves after the poll interval, on a change near the file, or when the signal fires. */
  wait(): Promise<void>;
  /** Stops watching; `wait` then only polls. */
  close(): void;
}

export interface FollowWakerOptions {
  readonly signal: AbortSignal;
  /** Longest sleep in milliseconds. */
  readonly pollMs: number;
  /** Use fs.watch to wake early (default true). */
  readonly watch?: boolean;
}

/**
 * The folder is watched rather than the file: a watch on the file follows its inode, so it goes
 * quiet once the file is renamed away by rotation, and cannot see the new file being created.
 * Polling stays on, because watch events are lost or never sent on some filesystems (NFS, FUSE,
 * overlay mounts of a host's /var/log) and when inotify watches run out.
 */
export function createFollowWaker(path: string, options: FollowWakerOptions): FollowWaker {
  const name = basename(path);
  let watcher: FSWatcher | undefined;
  // A change seen while no one waits must still cut the next wait short, or an append made during
  // a read would sit unread for a whole poll interval.
  let pending = false;
  let wake: (() => void) | undefined;
  const ring = (): void => {
    pending = true;
    wake?.();
  };
  if (options.watch !== false) {
    try {
      watcher = watch(dirname(path), { persistent: false }, (_event, file) => {
        if (file === null || file === name) ring();
      });
      // An error later on (the folder removed, inotify trouble) only loses the early wake-ups.
      watcher.on('error', () => {
        watcher?.close();
        watcher = undefined;
      });
    } catch {
      watcher = undefined;
    }
  }
  return {
    wait() {
      if (pending || options.signal.aborted) {
        pending = false;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          options.signal.removeEventListener('abort', done);
          wake = undefined;
          pending = false;
          resolve();
        };
        const timer = setTimeout(done, options.pollMs);
        options.signal.addEventListener('abort', done, { once: true });
        wake = done;
      });
    },
    close() {
      watcher?.close();
      watcher = undefined;
      wake?.();
    },
  };
}
