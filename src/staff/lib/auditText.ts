// The audit log in words: what an action did, on what kind of record, and the fields before/after
// in Chinese — so the Bureau reads "黄网格员（社区防疫工作人员）核实报备并赋码", not arrivals.verify.
export const AUDIT_ACTIONS: Record<string, string> = {
  'arrivals.list': '查看每日返河名单',
  'arrivals.read': '查看返河人员详情',
  'arrivals.verify': '核实报备并确定管控措施（赋码）',
  'arrivals.transfer': '转派报备',
  'conversions.list': '查看转码名单',
  'conversions.confirm': '转码',
  'tests.record': '录入核酸检测结果',
  'tests.import': '导入核酸检测结果表',
  'appeals.list': '查看申诉列表',
  'appeal.read': '查看申诉',
  'appeal.answer': '答复申诉',
  'appeals.stats': '查看申诉统计',
  'checkpoint.verify': '卡口核验健康码',
  'checkpoint.report': '卡口现场报备',
  'checkpoint.checks': '卡口核查一键直报记录',
  'staff.list': '查看工作人员账号',
  'staff.save': '开通或修改工作人员账号',
  'staff.disable': '停用或启用工作人员账号',
  'contacts.read': '查看联系人名录',
  'contacts.save': '保存联系人',
  'contacts.remove': '删除联系人',
  'audit.search': '查询审计日志',
  'dashboard.daily': '查看每日处理质量',
  'dashboard.list': '查看处理质量明细',
  'dashboard.export': '导出处理质量',
  'risk.upload': '上传风险区域名单',
  'risk.map': '对应名单中的地名',
  'risk.exclude': '排除名单中的地名',
  'risk.publish': '发布风险区域名单',
  'risk.recodeWorklist': '查看名单变化待确认转码',
  'risk.recodeApply': '确认名单变化转码',
  'risk.recodeDismiss': '不予转码（名单变化）',
  'clock.move': '调整演示时钟',
};

const TARGET_KINDS: Record<string, string> = {
  reports: '报备',
  persons: '人员',
  accounts: '账号',
  area: '辖区',
  jurisdiction: '辖区',
  idNumber: '身份证号',
  files: '文件',
  dashboard: '统计',
  riskVersions: '名单版本',
  riskDrafts: '名单草稿',
  riskMappings: '地名对应',
  appeals: '申诉',
  contacts: '联系人',
};

const FIELD_NAMES: Record<string, string> = {
  code: '健康码',
  color: '健康码',
  clause: '依据',
  since: '赋码日期',
  dueDate: '可转码日期',
  measure: '管控措施',
  status: '状态',
  role: '角色',
  name: '姓名',
  phone: '电话',
  jurisdiction: '管辖范围',
  disabled: '停用',
  due: '到期人数',
  waiting: '未到期人数',
  count: '条数',
  reason: '理由',
  to: '转至',
  from: '从',
};

const VALUE_WORDS: Record<string, string> = { red: '红码', yellow: '黄码', green: '绿码', true: '是', false: '否' };

export const actionText = (action: string): string => AUDIT_ACTIONS[action] ?? action;

/** "reports/r_ab12…" → "报备 r_ab12…". */
export function targetText(target: string): string {
  const [kind, ...rest] = target.split('/');
  const label = TARGET_KINDS[kind ?? ''];
  return label ? `${label} ${rest.join('/')}` : target;
}

/** A before/after value as "健康码：红码；依据：一(一)1", or the JSON when it is not a flat record. */
export function fieldsText(value: unknown): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return VALUE_WORDS[String(value)] ?? JSON.stringify(value);
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => {
      const shown = v !== null && typeof v === 'object' ? JSON.stringify(v) : (VALUE_WORDS[String(v)] ?? String(v));
      return `${FIELD_NAMES[k] ?? k}：${shown}`;
    })
    .join('；');
}

/** The actions as choices for the search form, in the table's order. */
export const AUDIT_ACTION_CHOICES = Object.entries(AUDIT_ACTIONS).map(([value, label]) => ({ value, label }));
