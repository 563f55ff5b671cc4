// What the guard does with the person in front of them, from the verdict (二(二)): the one word
// first (放行 / 劝返 / 现场报备), then why. 现场报备 only when a report is required and none is on file.
import type { CheckpointVerdict } from '../../../types/api/checkpoint';

export type Action = 'pass' | 'turn-back' | 'report';

export interface Advice {
  action: Action;
  /** The word on the verdict: 放行, 劝返, 现场报备. */
  label: string;
  detail: string;
}

export const ACTION_LABEL: Record<Action, string> = { pass: '放行', 'turn-back': '劝返', report: '现场报备' };

export function adviceFor(v: Pick<CheckpointVerdict, 'color' | 'mustReport' | 'reportOnFile' | 'movementWindow'>): Advice {
  const make = (action: Action, detail: string): Advice => ({ action, label: ACTION_LABEL[action], detail });
  if (v.color === null) return make('report', '此人没有健康码：请当场填报一键直报，取得健康码后再核验');
  if (v.mustReport && !v.reportOnFile) return make('report', '须有一键直报记录而没有：请当场为其填报，再核验');
  if (v.color === 'red') {
    return make('turn-back', '红码：不得自行前往目的地。劝返，或联系目的地社区接转集中管理');
  }
  if (v.color === 'yellow') {
    return v.movementWindow
      ? make('pass', '黄码，限时流动中：按申请的起止地点和时间放行')
      : make('pass', '黄码：已报备，放行并提醒其按要求居家健康监测，社区将跟进');
  }
  return make('pass', v.reportOnFile ? '绿码，已报备：放行' : '绿码：放行');
}
