/** Closes the bench server and its store, then exits, on SIGTERM or SIGINT (the bench stops it so). */
export function stopOnSignal(server: { close(): Promise<void> }, store: { close(): Promise<void> }): void {
  const stop = async () => {
    await server.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
