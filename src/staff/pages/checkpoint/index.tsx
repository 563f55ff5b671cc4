// 卡口核验 (二(二), 三(二)): scan the person's code (WeChat's scanner, or the camera in a browser;
// the token can also be pasted, or the ID number typed), see what to do, tick the three checks, or
// file a report on the spot and come back to the person's new code.
import { Button } from '@nutui/nutui-react-taro';
import { Input, Switch, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { QrScanner } from '../../components/QrScanner';
import { VerdictCard } from '../../components/VerdictCard';
import { adviceFor } from '../../lib/advice';
import { ALL_RIGHT, looksLikeIdNumber, useCheckpoint, type Checks } from '../../hooks/useCheckpoint';
import { REPORTED_EVENT } from '../checkpoint-report/events';
import './index.css';

const CHECKS: Array<[keyof Omit<Checks, 'note'>, string]> = [
  ['citiesFilled', '已填写行程码显示的涉疫城市'],
  ['returnDateToday', '返河日期为当天'],
  ['destinationAccurate', '返河地址填报准确'],
];

export default function CheckpointPage() {
  const cp = useCheckpoint();
  const [entry, setEntry] = useState('');
  const [checks, setChecks] = useState<Checks>(ALL_RIGHT);

  const startOver = (value: string) => {
    setChecks(ALL_RIGHT);
    void cp.verify(value);
  };
  // Back from 现场报备: verify the same person again by ID number, so the guard sees the new code.
  const verifyRef = useRef(startOver);
  verifyRef.current = startOver;
  useEffect(() => {
    const onReported = (idNumber: string) => {
      setEntry(idNumber);
      verifyRef.current(idNumber);
    };
    Taro.eventCenter.on(REPORTED_EVENT, onReported);
    return () => void Taro.eventCenter.off(REPORTED_EVENT, onReported);
  }, []);
  const reportOnSpot = () => {
    const typed = entry.trim().toUpperCase();
    const query = looksLikeIdNumber(typed) ? `?idNumber=${encodeURIComponent(typed)}` : '';
    void Taro.navigateTo({ url: `/staff/pages/checkpoint-report/index${query}` });
  };

  return (
    <View className="checkpoint">
      <QrScanner
        onResult={(text) => {
          setEntry(text);
          startOver(text);
        }}
      />
      <View className="checkpoint__entry">
        {/* Tokens are 154 characters: Taro's Input cuts at 140 unless told otherwise. */}
        <Input
          className="text-input"
          value={entry}
          maxlength={512}
          placeholder="输入二维码内容或身份证号"
          onInput={(e) => setEntry(e.detail.value)}
          onConfirm={() => startOver(entry)}
        />
        <Button block loading={cp.busy} onClick={() => startOver(entry)}>
          核验
        </Button>
      </View>
      {cp.error && <Text className="checkpoint__error">{cp.error.message}</Text>}
      {cp.verdict && <VerdictCard verdict={cp.verdict} />}
      {((cp.verdict && adviceFor(cp.verdict).action === 'report') || cp.error?.code === 'NOT_FOUND') && (
        <View className="checkpoint__actions">
          <Button type="primary" block onClick={reportOnSpot}>
            现场报备
          </Button>
        </View>
      )}
      {cp.verdict?.report && !cp.checked && (
        <View className="checkpoint__checks">
          <Text className="checkpoint__title">核查“一键直报”记录（三(二)）</Text>
          {CHECKS.map(([key, label]) => (
            <View key={key} className="checkpoint__check">
              <Text>{label}</Text>
              <Switch checked={checks[key]} onChange={(e) => setChecks({ ...checks, [key]: e.detail.value })} />
            </View>
          ))}
          <Textarea
            className="checkpoint__note"
            value={checks.note}
            placeholder="有不符时请说明（将通知目的地社区）"
            onInput={(e) => setChecks({ ...checks, note: e.detail.value })}
          />
          <Button type="primary" block loading={cp.busy} onClick={() => void cp.submitChecks(checks)}>
            提交核查结果
          </Button>
        </View>
      )}
      {cp.checked && (
        <Text className={`checkpoint__done${cp.checked.flagged ? ' checkpoint__done--flagged' : ''}`}>
          {cp.checked.flagged ? '已标记问题，目的地社区将在每日名单中看到' : '核查无误'}
        </Text>
      )}
    </View>
  );
}
