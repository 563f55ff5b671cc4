// Uploading a file the person picked: to cloud storage in WeChat, to the local host in H5. Either
// way the answer is a file id that an action then names (see domain/files/port.ts).
import Taro from '@tarojs/taro';
import { ensureCloud, isWeapp, NO_CLOUD_ENV_MESSAGE } from './env';
import { NETWORK_ERROR, type ClientResult } from './api';

export async function uploadFile(filePath: string, folder: string): Promise<ClientResult<{ fileId: string }>> {
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(filePath)?.[0] ?? '';
  if (isWeapp) {
    if (!ensureCloud()) return { ok: false, error: { code: 'NO_CLOUD_ENV', message: NO_CLOUD_ENV_MESSAGE } };
    try {
      const cloudPath = `${folder}/${Date.now()}-${Math.random().toString(36).slice(2, 10)}${ext}`;
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
