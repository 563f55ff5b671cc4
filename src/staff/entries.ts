// The staff workbench's entries: one per staff page, with the roles that may use it (the server
// checks again on every action; this only decides what to show).
import { PERMISSIONS, type StaffRole } from '../../domain/staff/permissions';

export interface StaffEntry {
  title: string;
  description: string;
  /** Absolute page path inside the staff subpackage, e.g. /staff/pages/risk/index */
  url: string;
  roles: readonly StaffRole[];
}

export const STAFF_ENTRIES: StaffEntry[] = [
  { title: '健康码申诉处理', description: '本辖区申诉按答复期限排列，24小时内答复；超时转市大数据发展局', url: '/staff/pages/appeals/index', roles: ['platform', 'bureau-admin'] },
  { title: '发布风险区域名单', description: '上传当日全国中高风险地区名单，核对区县后发布', url: '/staff/pages/risk-publish/index', roles: ['bureau-admin'] },
  { title: '风险区域速查', description: '某城市、区县或街道是否有中高风险区域（含封控区、管控区）', url: '/staff/pages/risk-query/index', roles: PERMISSIONS['risk.query'] },
  { title: '每日返河人员核实', description: '当天返回本区域的报备优先，电话核实、确定管控措施（赋码），需要时转派（首问负责制）', url: '/staff/pages/arrivals/index', roles: PERMISSIONS['arrivals.list'] },
  { title: '转码', description: '红转黄、黄转绿的到期名单，批量确认；提前转码须填写理由', url: '/staff/pages/conversions/index', roles: PERMISSIONS['conversions.confirm'] },
  { title: '核酸检测结果', description: '逐人录入或导入检测机构的结果表（CSV/XLSX）', url: '/staff/pages/nucleic/index', roles: PERMISSIONS['tests.record'] },
  { title: '工作人员账号', description: '开通、修改、停用工作人员账号，设置角色和管辖范围', url: '/staff/pages/accounts/index', roles: PERMISSIONS['staff.manage'] },
  { title: '县区联系人名录', description: '各县（区）、乡镇转派联系人（首问负责制）', url: '/staff/pages/contacts/index', roles: PERMISSIONS['contacts.read'] },
  { title: '每日处理质量', description: '各县（区）每日报备核实、赋码、转派、超时、申诉和卡口情况，可下钻和导出', url: '/staff/pages/dashboard/index', roles: PERMISSIONS['dashboard.view'] },
  { title: '卡口核验', description: '扫码核验健康码和一键直报记录，核查三项内容，必要时现场报备', url: '/staff/pages/checkpoint/index', roles: PERMISSIONS['checkpoint.verify'] },
  { title: '审计日志', description: '查询工作人员的查看和操作记录', url: '/staff/pages/audit/index', roles: PERMISSIONS['audit.search'] },
  { title: '健康码政策版本', description: '上传新的赋码政策文件，检查、查看变化并排期生效；生效前可撤回', url: '/staff/pages/policy/index', roles: PERMISSIONS['policy.manage'] },
  { title: '名单变化待确认转码', description: '新名单或新政策版本使赋码放宽的人员，由区划管理员确认', url: '/staff/pages/recode-review/index', roles: ['area-admin'] },
];

export function entriesFor(role: string): StaffEntry[] {
  return STAFF_ENTRIES.filter((e) => (e.roles as readonly string[]).includes(role));
}
