// A person's history as they read it: every code change, movement window, appeal and answer.
import type { TimelineEntry } from '../../types/model';
import { localDateTime } from '../time';
import { appealsOf } from './appeal';
import { requireAccount, type ServiceContext } from './context';
import { ownPerson } from './family';
import { windowsOf } from './movement';

const COLOR: Record<string, string> = { red: '红码', yellow: '黄码', green: '绿码' };
const SOURCE: Record<string, string> = {
  report: '报备赋码',
  measure: '管控措施赋码',
  conversion: '转码',
  recode: '风险名单更新后重新赋码',
  appeal: '申诉更正',
};

export async function personHistory(ctx: ServiceContext, personId?: string): Promise<{ entries: TimelineEntry[] }> {
  const account = await requireAccount(ctx);
  const person = await ownPerson(ctx, account, personId);
  if (!person) return { entries: [] };
  const [events, windows, appeals] = await Promise.all([
    ctx.store.find('codeEvents', { where: { personId: person._id }, orderBy: [['at', 'desc']], limit: 100 }),
    windowsOf(ctx, person._id),
    appealsOf(ctx, person._id),
  ]);
  const entries: TimelineEntry[] = [
    ...events.map((e) => ({
      at: e.at,
      kind: 'code' as const,
      title: `${e._id.startsWith('e_recode_pv_') ? '政策版本生效后重新赋码' : (SOURCE[e.source] ?? '赋码')}：${e.from ? `${COLOR[e.from]} → ` : ''}${COLOR[e.to]}（通知${e.clause}）`,
      detail: e.reason,
      ...(e.policyVersion ? { policyVersion: e.policyVersion } : {}),
    })),
    ...windows.map((w) => ({
      at: w.startAt,
      kind: 'movement' as const,
      title: `限时流动 ${w.hours} 小时`,
      detail: `${w.from} → ${w.to}，至 ${localDateTime(w.endAt)}${w.cancelledAt ? `（已于 ${localDateTime(w.cancelledAt)} 提前结束）` : ''}`,
    })),
    ...appeals.map((a) => ({ at: a.createdAt, kind: 'appeal' as const, title: '提交申诉', detail: a.reason })),
    ...appeals.flatMap((a) =>
      a.answer
        ? [
            {
              at: a.answer.answeredAt,
              kind: 'appeal-answer' as const,
              title: a.answer.outcome === 'wrong' ? `申诉答复：赋码有误，已更正为${COLOR[a.answer.correctedTo ?? '']}` : '申诉答复：赋码无误',
              detail:
                a.answer.outcome === 'wrong'
                  ? a.answer.reason
                  : `原因：${a.answer.reason}；处理流程：${a.answer.process}；联系电话：${a.answer.phone}；办理地址：${a.answer.address}`,
            },
          ]
        : [],
    ),
  ];
  entries.sort((a, b) => b.at.localeCompare(a.at));
  return { entries };
}
