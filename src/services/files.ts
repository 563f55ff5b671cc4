// Uploading a file the person picked: to cloud storage in WeChat, to the local host in H5. Either
// way the answer is a file id that an action then names (see domain/files/port.ts).
import Taro from '@tarojs/taro';
import { ensureCloud, isWeapp, NO_CLOUD_ENV_MESSAGE } from './env';
import { callFunction, NETWORK_ERROR, type ClientResult } from './api';

let myId: string | null = null;

export async function uploadFile(filePath: string, folder: string): Promise<ClientResult<{ fileId: string }>> {
  if (isWeapp) {
    if (!ensureCloud()) return { ok: false, error: { code: 'NO_CLOUD_ENV', message: NO_CLOUD_ENV_MESSAGE } };
    // The account's OPENID is a folder of the path: the functions accept a file id only from its
    // uploader (domain/files/owned.ts). No extension of the picked file's: the bytes say what it is.
    if (!myId) {
      const me = await callFunction('account', { action: 'me' });
      if (!me.ok) return me;
      myId = me.data.account.id;
    }
    try {
      const cloudPath = `${folder}/${myId}/${Date.now()}-${Math.random().toString(36).slice(2, 10)}`;
      const res = await Taro.cloud.uploadFile({ cloudPath, filePath });
      return { ok: true, data: { fileId: res.fileID } };
    } catch {
      return { ok: false, error: NETWORK_ERROR };
    }
  }
  try {
    const res = await Taro.uploadFile({ url: '/local/upload', filePath, name: 'file' });
    const body = JSON.parse(res.data) as ClientResult<{ fileId: string }>;
    return body;
  } catch {
    return { ok: false, error: NETWORK_ERROR };
  }
}

/**
 * Lets a staff member pick a file and uploads it; null when they cancel. In WeChat a file comes
 * from a chat (the way lists and result sheets reach officials); in the browser, from the disk.
 */
export async function pickAndUploadFile(extensions: string[], folder: string): Promise<ClientResult<{ fileId: string; name: string }> | null> {
  if (isWeapp) {
    const picked = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: extensions }).catch(() => null);
    const file = picked?.tempFiles[0];
    if (!file) return null;
    const up = await uploadFile(file.path, folder);
    return up.ok ? { ok: true, data: { fileId: up.data.fileId, name: file.name } } : up;
  }
  const file = await new Promise<File | null>((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = extensions.map((e) => `.${e}`).join(',');
    input.onchange = () => resolve(input.files?.[0] ?? null);
    input.click();
  });
  if (!file) return null;
  try {
    const form = new FormData();
    form.append('file', file, file.name);
    const res = await fetch('/local/upload', { method: 'POST', body: form, credentials: 'include' });
    const body = (await res.json()) as ClientResult<{ fileId: string }>;
    return body.ok ? { ok: true, data: { fileId: body.data.fileId, name: file.name } } : body;
  } catch {
    return { ok: false, error: NETWORK_ERROR };
  }
}
