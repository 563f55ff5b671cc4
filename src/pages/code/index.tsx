// Home: my health code, its QR and my reports.
import { Button } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useRef } from 'react';
import { CodeView } from '../../components/CodeView';
import { ReportHistory } from '../../components/ReportHistory';
import { useMyCode, useMyReports } from '../../hooks/useMyCode';
import { useAccount } from '../../hooks/useAccount';

const goReport = () => void Taro.navigateTo({ url: '/pages/report/index' });
const goStaff = () => void Taro.navigateTo({ url: '/staff/pages/home/index' });

export default function CodePage() {
  const code = useMyCode();
  const history = useMyReports();
  const account = useAccount();
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
      {account && account.role !== 'resident' && (
        <View style={{ margin: '24px' }}>
          <Button block type="primary" onClick={goStaff}>
            进入工作台
          </Button>
        </View>
      )}
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
