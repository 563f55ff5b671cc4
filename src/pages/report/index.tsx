// 一键直报: the form, wired to the API. With `?personId=` it files for a family member: the form says
// so, fills in their name and ID number from the family list, and lets the phone stay empty; once
// filed, the code page shows that member's code.
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useMemo } from 'react';
import { localDate } from '../../../domain/time';
import { ReportForm } from '../../components/ReportForm';
import { useFamily } from '../../hooks/useFamily';
import { useFormRules } from '../../hooks/useFormRules';
import type { FormRules, RiskAreasFn, SubmitFn } from '../../hooks/useReportForm';
import { callFunction } from '../../services/api';
import { saveSelectedPerson } from '../../services/selectedPerson';
import '../../components/resident.css';

const loadRiskAreas: RiskAreasFn = (countyCode, townCode) => callFunction('division', { action: 'riskAreas', countyCode, ...(townCode ? { townCode } : {}) });
// reLaunch rather than back: the code page must show the new code, and the form must not be re-sent.
const done = () => void Taro.reLaunch({ url: '/pages/code/index' });

export default function ReportPage() {
  const personId = useRouter().params.personId;
  const rules = useFormRules();
  const submit: SubmitFn = useMemo(
    () => (input) => callFunction('report', { action: 'submit', ...input, ...(personId ? { personId } : {}) }),
    [personId],
  );
  if (personId) return <FamilyReport personId={personId} submit={submit} rules={rules} />;
  return <ReportForm today={localDate(new Date())} submit={submit} loadRiskAreas={loadRiskAreas} onSubmitted={done} draftKey="self" rules={rules} />;
}

function FamilyReport({ personId, submit, rules }: { personId: string; submit: SubmitFn; rules: FormRules | undefined }) {
  const { persons, loaded } = useFamily();
  const member = persons.find((p) => p.id === personId);
  if (!loaded) return <Text className="resident-note">正在加载…</Text>;
  if (!member) return <Text className="resident-note">未找到该家庭成员</Text>;
  const filed = () => {
    // The code page opens on the member whose report this was, not on the account's own code.
    saveSelectedPerson(personId);
    done();
  };
  return (
    <ReportForm
      today={localDate(new Date())}
      submit={submit}
      loadRiskAreas={loadRiskAreas}
      onSubmitted={filed}
      phoneOptional
      rules={rules}
      draftKey={personId}
      initial={{ name: member.name, idNumber: member.idNumber ?? '' }}
      heading={
        <View className="resident-card resident-card--who" data-testid="report-for">
          <Text className="resident-card__title">为家庭成员 {member.name} 报备</Text>
          <Text className="resident-card__muted">以下填写 {member.name} 本人的行程；没有手机的可不填手机号。报备后显示其健康码。</Text>
        </View>
      }
    />
  );
}
