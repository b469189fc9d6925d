import { browser } from 'wxt/browser';

/**
 * Firefox's own consent for data leaving the device (manifest `data_collection_permissions`, optional): asked for
 * when the shopper says yes, returned when they stop. Must match what the consent screen lists: which products are
 * looked at (browsingActivity) and the prices read off them (websiteContent). Chrome has no such permission.
 */
export const SHARED_DATA_TYPES = ['browsingActivity', 'websiteContent'] as const;

type DataPermissions = { data_collection: readonly string[] };
const permissions = browser.permissions as unknown as {
  request(p: DataPermissions): Promise<boolean>;
  remove(p: DataPermissions): Promise<boolean>;
  contains(p: DataPermissions): Promise<boolean>;
};

/** Call from the click handler itself: Firefox only asks inside a user gesture. */
export async function requestSharingPermission(): Promise<boolean> {
  if (!import.meta.env.FIREFOX) return true;
  try {
    return await permissions.request({ data_collection: SHARED_DATA_TYPES });
  } catch {
    return false;
  }
}

export async function releaseSharingPermission(): Promise<void> {
  if (!import.meta.env.FIREFOX) return;
  try {
    await permissions.remove({ data_collection: SHARED_DATA_TYPES });
  } catch {
    // Already gone.
  }
}

/** False when the shopper withdrew the permission in Firefox's add-on manager: sharing must stop. */
export async function hasSharingPermission(): Promise<boolean> {
  if (!import.meta.env.FIREFOX) return true;
  try {
    return await permissions.contains({ data_collection: SHARED_DATA_TYPES });
  } catch {
    // A Firefox without data-collection permissions has nothing to withdraw.
    return true;
  }
}
