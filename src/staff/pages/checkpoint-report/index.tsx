// 现场报备 (二(二)): the one-click report form, filed by checkpoint staff in the person's name. The
// ID number typed at the checkpoint comes along; once filed, the page shows the code it gave and
// the checkpoint, back in front, verifies the person again (their current code and the report).
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { localDate } from '../../../../domain/time';
import type { ReportDetail } from '../../../../types/model';
import { CodeCard } from '../../../components/CodeCard';
import { ReportForm } from '../../../components/ReportForm';
import type { RiskAreasFn, SubmitFn } from '../../../hooks/useReportForm';
import { useFormRules } from '../../../hooks/useFormRules';
import { callFunction } from '../../../services/api';
import { REPORTED_EVENT } from './events';

const loadRiskAreas: RiskAreasFn = (countyCode, townCode) => callFunction('division', { action: 'riskAreas', countyCode, ...(townCode ? { townCode } : {}) });

export default function CheckpointReportPage() {
  const idNumber = useRouter().params.idNumber ?? '';
  const [filed, setFiled] = useState<ReportDetail | null>(null);
  const rules = useFormRules();
  // The ID number as filed (the answer may mask it): the checkpoint verifies it on return.
  const filedId = useRef(idNumber);
  const submit = useCallback<SubmitFn>((input) => {
    filedId.current = input.idNumber;
    return callFunction('checkpoint', { action: 'report', ...input });
  }, []);
  const back = () => {
    if (filed) Taro.eventCenter.trigger(REPORTED_EVENT, filedId.current);
    void Taro.navigateBack();
  };

  if (filed) {
    return (
      <View data-testid="spot-report-done">
        <Text className="field__label" style={{ display: 'block', margin: '24px' }}>
          已为 {filed.name} 现场报备，赋码如下：
        </Text>
        <CodeCard decision={filed.decision} person={{ name: filed.name, idNumberMasked: filed.idNumber }} />
        <View style={{ margin: '24px' }}>
          <Button type="primary" block onClick={back}>
            返回核验
          </Button>
        </View>
      </View>
    );
  }
  return (
    <View>
      <Text className="field__label" style={{ display: 'block', margin: '24px' }}>
        请与对方当面核对后，以其本人信息填报。
      </Text>
      <ReportForm
        today={localDate(new Date())}
        submit={submit}
        loadRiskAreas={loadRiskAreas}
        rules={rules}
        initial={idNumber ? { idNumber } : undefined}
        onSubmitted={(report) => setFiled(report)}
      />
    </View>
  );
}
