// The dashboard's metrics, their Chinese names and what each counts (三(一)). Plain data, so the app
// can import it without pulling the schema library into its bundle.

export const METRICS = [
  'received',
  'verified',
  'coded',
  'transferred',
  'pendingOver24h',
  'appealsAnswered',
  'appealsOnTime',
  'appealsOverdue',
  'checkpointChecks',
  'checkpointFlags',
] as const;
export type Metric = (typeof METRICS)[number];

export const METRIC_LABELS: Record<Metric, string> = {
  received: '收到报备',
  verified: '已核实',
  coded: '已赋码',
  transferred: '已转派',
  pendingOver24h: '超24小时未核实',
  appealsAnswered: '申诉已答复',
  appealsOnTime: '申诉24小时内答复',
  appealsOverdue: '申诉超时',
  checkpointChecks: '卡口核验',
  checkpointFlags: '卡口标记问题',
};

export const METRIC_DEFINITIONS: Record<Metric, string> = {
  received: '当天收到的一键直报（按目的地县区）',
  verified: '当天首次电话核实（已联系上）的报备',
  coded: '当天核实后确定管控措施并赋码的报备',
  transferred: '当天按首问负责制转派出本县区的报备',
  pendingOver24h: '当天结束时（今天为此刻）已超过24小时仍未核实的报备',
  appealsAnswered: '当天答复的申诉',
  appealsOnTime: '当天答复且在24小时内答复的申诉',
  appealsOverdue: '答复期限在当天、未在24小时内答复的申诉',
  checkpointChecks: '当天卡口核验和现场报备次数（按卡口所在县区）',
  checkpointFlags: '当天卡口核查发现问题、推送给目的地社区的报备',
};
