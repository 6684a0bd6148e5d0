/**
 * The key exists in the browser only between the create call and the deployment
 * page that shows it once: it crosses the navigation in sessionStorage and is
 * removed when read.
 */
const storageKey = (deploymentId: string) => `vajra-deployment-key:${deploymentId}`;

export function handOverKey(deploymentId: string, key: string): void {
  sessionStorage.setItem(storageKey(deploymentId), key);
}

export function takeKey(deploymentId: string): string | null {
  const key = sessionStorage.getItem(storageKey(deploymentId));
  sessionStorage.removeItem(storageKey(deploymentId));
  return key;
}
