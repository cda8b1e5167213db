/**
 * How many sockets this process may have open at once. Every socket is a file descriptor: a batch of hundreds of
 * diagnoses that opened more than the process may have would get EMFILE, which looks like a broken server. With a
 * budget set (the command line sets one from the open-file limit), a connect waits for a socket of ours to close.
 */

let capacity = Infinity;
let open = 0;
const waiting: (() => void)[] = [];

function drain(): void {
  while (open < capacity && waiting.length > 0) waiting.shift()?.();
}

/** Sets the budget (Infinity: none). */
export function setSocketBudget(sockets: number): void {
  capacity = Math.max(1, sockets);
  drain();
}

/** Sockets of ours open now. */
export function openSockets(): number {
  return open;
}

function take(): () => void {
  open += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    open -= 1;
    drain();
  };
}

/**
 * Waits for room for one more socket and resolves with its release (call it when the socket has closed; calling
 * it again does nothing), or with null when `signal` aborted first.
 */
export function socketSlot(signal?: AbortSignal): Promise<(() => void) | null> {
  if (signal?.aborted) return Promise.resolve(null);
  if (open < capacity && waiting.length === 0) return Promise.resolve(take());
  return new Promise((resolve) => {
    const onAbort = (): void => {
      const i = waiting.indexOf(grant);
      if (i >= 0) waiting.splice(i, 1);
      resolve(null);
    };
    const grant = (): void => {
      signal?.removeEventListener('abort', onAbort);
      resolve(take());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    waiting.push(grant);
  });
}
