// 现场报备 (二(二)): the one-click report form, filed by checkpoint staff in the person's name.
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { localDate } from '../../../../domain/time';
import { ReportForm } from '../../../components/ReportForm';
import type { RiskAreasFn, SubmitFn } from '../../../hooks/useReportForm';
import { callFunction } from '../../../services/api';

const loadRiskAreas: RiskAreasFn = (countyCode) => callFunction('division', { action: 'riskAreas', countyCode });
const submit: SubmitFn = (input) => callFunction('checkpoint', { action: 'report', ...input });

export default function CheckpointReportPage() {
  return (
    <View>
      <Text className="field__label" style={{ display: 'block', margin: '24px' }}>
        请与对方当面核对后，以其本人信息填报。
      </Text>
      <ReportForm
        today={localDate(new Date())}
        submit={submit}
        loadRiskAreas={loadRiskAreas}
        onSubmitted={() => void Taro.navigateBack()}
      />
    </View>
  );
}
