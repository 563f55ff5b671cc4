// Cloud function `riskJob`: every minute (timer trigger, config.json), carries on the publishing jobs
// of risk lists — writing a new version's areas, then re-coding the arrivals it affects — in bounded
// batches, for up to 40 s of the function's 60 s timeout. The publish call starts each job itself.
import { continueRiskJobs } from '../../domain/services/risk-job';
import { divisions } from '../../domain/divisions';
import { wechatJob } from '../shared/wechat';

export const main = wechatJob('riskJob', (ctx) => continueRiskJobs(ctx, 40_000), { divisions });
