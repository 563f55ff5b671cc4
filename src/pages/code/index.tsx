// Home: my health code (or a family member's), its QR, the movement window, and my reports.
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { CodeView } from '../../components/CodeView';
import { MovementApplyButton, MovementStatus } from '../../components/MovementStatus';
import { PersonSwitch } from '../../components/PersonSwitch';
import { ReportHistory } from '../../components/ReportHistory';
import { firstScreenDone, REFRESH_MS, useMyCode, useMyReports } from '../../hooks/useMyCode';
import { useAccount } from '../../hooks/useAccount';
import { useFamily } from '../../hooks/useFamily';
import { loadSelectedPerson, saveSelectedPerson } from '../../services/selectedPerson';
import './index.css';

const go = (url: string) => void Taro.navigateTo({ url });
const withPerson = (url: string, personId: string | undefined) => (personId ? `${url}?personId=${encodeURIComponent(personId)}` : url);
// Staff opening the app land on their workbench, once per launch (its 我的健康码 comes back here).
let staffSentToWorkbench = false;

export default function CodePage() {
  const [personId, setPersonId] = useState(loadSelectedPerson);
  const code = useMyCode(REFRESH_MS, personId);
  const history = useMyReports(personId);
  const family = useFamily();
  const account = useAccount();
  const own = useRouter().params.own === '1';
  useEffect(() => {
    if (!account || account.role === 'resident' || own || staffSentToWorkbench) return;
    staffSentToWorkbench = true;
    firstScreenDone();
    void Taro.redirectTo({ url: '/staff/pages/home/index' });
  }, [account, own]);
  const shown = useRef(false);
  useDidShow(() => {
    // The hooks fetch on mount; on a later show (back from a report) fetch the new code at once.
    if (!shown.current) {
      shown.current = true;
      return;
    }
    void code.refresh();
    void history.reload();
    void family.reload();
  });
  const select = (id: string | undefined) => {
    saveSelectedPerson(id);
    setPersonId(id);
  };
  const refresh = code.refresh;
  const onWindowEnded = useCallback(() => void refresh(), [refresh]);
  const goReport = () => go(withPerson('/pages/report/index', personId));
  const decision = code.code?.decision;
  return (
    <View className="page">
      {account && account.role !== 'resident' && (
        <View style={{ margin: '24px' }}>
          <Button block type="primary" onClick={() => go('/staff/pages/home/index')}>
            进入工作台
          </Button>
        </View>
      )}
      <PersonSwitch persons={family.persons} selected={personId} onSelect={(p) => select(p.relation === 'self' ? undefined : p.id)} />
      <CodeView {...code} now={new Date()} onReport={goReport} onRetry={() => (personId && code.error?.code === 'NOT_FOUND' ? select(undefined) : void refresh())} />
      {code.status === 'live' && code.code?.movementWindow && <MovementStatus key={code.code.movementWindow.id + code.code.fetchedAt} window={code.code.movementWindow} onEnded={onWindowEnded} />}
      {code.status === 'live' && !code.code?.movementWindow && code.code?.movementWindowAvailable && (
        <MovementApplyButton rule={code.code.movementRule} onApply={() => go(withPerson('/pages/movement/index', personId))} />
      )}
      {decision && (
        <View style={{ margin: '24px' }}>
          <Button block onClick={goReport}>
            再次报备
          </Button>
        </View>
      )}
      <View className="code-links">
        {decision && (
          <Text className="code-links__item" onClick={() => go(withPerson('/pages/appeal/index', personId))}>
            健康码申诉
          </Text>
        )}
        <Text className="code-links__item" onClick={() => go('/pages/family/index')}>
          家庭成员
        </Text>
        {decision && (
          <Text className="code-links__item" onClick={() => go(withPerson('/pages/history/index', personId))}>
            健康码记录
          </Text>
        )}
      </View>
      <ReportHistory reports={history.reports} />
    </View>
  );
}
