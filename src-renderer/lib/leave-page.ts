/** Sends the browser to another address (the console's loopback callback, an identity provider). */
export function leavePage(url: string): void {
  window.location.assign(url);
}
