// 一键直报: the form, wired to the API.
import Taro from '@tarojs/taro';
import { localDate } from '../../../domain/time';
import { ReportForm } from '../../components/ReportForm';
import type { RiskAreasFn, SubmitFn } from '../../hooks/useReportForm';
import { callFunction } from '../../services/api';

const submit: SubmitFn = (input) => callFunction('report', { action: 'submit', ...input });
const loadRiskAreas: RiskAreasFn = (countyCode) => callFunction('division', { action: 'riskAreas', countyCode });
// reLaunch rather than back: the code page must show the new code, and the form must not be re-sent.
const done = () => void Taro.reLaunch({ url: '/pages/code/index' });

export default function ReportPage() {
  return <ReportForm today={localDate(new Date())} submit={submit} loadRiskAreas={loadRiskAreas} onSubmitted={done} />;
}
