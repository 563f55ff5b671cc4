// 一键直报: the form, wired to the API. With `?personId=` it files for a family member, whose name
// and ID number are filled in from the account's family list.
import { Text } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useMemo } from 'react';
import { localDate } from '../../../domain/time';
import { ReportForm } from '../../components/ReportForm';
import { useFamily } from '../../hooks/useFamily';
import type { RiskAreasFn, SubmitFn } from '../../hooks/useReportForm';
import { callFunction } from '../../services/api';

const loadRiskAreas: RiskAreasFn = (countyCode) => callFunction('division', { action: 'riskAreas', countyCode });
// reLaunch rather than back: the code page must show the new code, and the form must not be re-sent.
const done = () => void Taro.reLaunch({ url: '/pages/code/index' });

export default function ReportPage() {
  const personId = useRouter().params.personId;
  const submit: SubmitFn = useMemo(
    () => (input) => callFunction('report', { action: 'submit', ...input, ...(personId ? { personId } : {}) }),
    [personId],
  );
  if (personId) return <FamilyReport personId={personId} submit={submit} />;
  return <ReportForm today={localDate(new Date())} submit={submit} loadRiskAreas={loadRiskAreas} onSubmitted={done} />;
}

function FamilyReport({ personId, submit }: { personId: string; submit: SubmitFn }) {
  const { persons, loaded } = useFamily();
  const member = persons.find((p) => p.id === personId);
  if (!loaded) return <Text>正在加载…</Text>;
  if (!member) return <Text>未找到该家庭成员</Text>;
  // The ID number is not sent back to the app in full: the person types it, the server checks it is theirs.
  return <ReportForm today={localDate(new Date())} submit={submit} loadRiskAreas={loadRiskAreas} onSubmitted={done} initial={{ name: member.name }} />;
}
