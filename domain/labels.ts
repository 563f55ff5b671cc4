// Chinese names of the roles, as staff and residents read them (app, host and services alike).
import type { Role } from '../types/model';

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民（返河来河人员）',
  'bureau-admin': '市大数据发展局管理员',
  platform: '健康码平台工作人员',
  'area-admin': '区划管理员',
  community: '社区防疫工作人员',
  checkpoint: '卡口工作人员',
};
