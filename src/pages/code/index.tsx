// Home: my health code, its QR and my reports.
import { Button } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useRef } from 'react';
import { CodeView } from '../../components/CodeView';
import { ReportHistory } from '../../components/ReportHistory';
import { useMyCode, useMyReports } from '../../hooks/useMyCode';

const goReport = () => void Taro.navigateTo({ url: '/pages/report/index' });

export default function CodePage() {
  const code = useMyCode();
  const history = useMyReports();
  const shown = useRef(false);
  useDidShow(() => {
    // The hooks fetch on mount; on a later show (back from a report) fetch the new code at once.
    if (!shown.current) {
      shown.current = true;
      return;
    }
    void code.refresh();
    void history.reload();
  });
  return (
    <View className="page">
      <CodeView {...code} now={new Date()} onReport={goReport} onRetry={() => void code.refresh()} />
      {code.code?.decision && (
        <View style={{ margin: '24px' }}>
          <Button block onClick={goReport}>
            再次报备
          </Button>
        </View>
      )}
      <ReportHistory reports={history.reports} />
    </View>
  );
}
