// 卡口核验 (二(二), 三(二)): scan the person's code (camera in WeChat; typed token or ID number in the
// browser), see the verdict, tick the three checks, or file a report on the spot.
import { Button } from '@nutui/nutui-react-taro';
import { Input, Switch, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { VerdictCard } from '../../components/VerdictCard';
import { ALL_RIGHT, useCheckpoint, type Checks } from '../../hooks/useCheckpoint';
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

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      await cp.verify(res.result);
    } catch {
      /* cancelled by the staff member */
    }
  };
  const startOver = (value: string) => {
    setChecks(ALL_RIGHT);
    void cp.verify(value);
  };

  return (
    <View className="checkpoint">
      {process.env.TARO_ENV === 'weapp' && (
        <Button type="primary" block onClick={() => void scan()}>
          扫描健康码
        </Button>
      )}
      <View className="checkpoint__entry">
        <Input
          className="text-input"
          value={entry}
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
      {((cp.verdict && (cp.verdict.mustReport || !cp.verdict.reportOnFile)) || cp.error?.code === 'NOT_FOUND') && (
        <View className="checkpoint__actions">
          <Button block onClick={() => void Taro.navigateTo({ url: '/staff/pages/checkpoint-report/index' })}>
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
