// The 一键直报 form as an arrival fills it on a phone. State and rules live in useReportForm.
import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { addDays } from '../../domain/time';
import { ITINERARY_WINDOW_DAYS, MAX_ARRIVAL_AGE_DAYS } from '../../domain/validate/report';
import { useReportForm, type FormRules, type ReportDraft, type RiskAreasFn, type SubmitFn } from '../hooks/useReportForm';
import type { ReportDetail } from '../../types/model';
import { TRANSPORTS } from '../lib/labels';
import { DivisionPicker } from './DivisionPicker';
import { ChoiceGroup, DateField, Field, useScrollToFirstError } from './form';
import { RiskAreaChoice } from './RiskAreaChoice';
import './ReportForm.css';

/** Hechi (河池市) prefecture code: the destination picker starts at its counties. */
export const HECHI_CODE = '4512';

const YES_NO = [
  { value: 'no', label: '否' },
  { value: 'yes', label: '是（带*号）' },
] as const;

interface Props {
  today: string;
  submit: SubmitFn;
  loadRiskAreas: RiskAreasFn;
  onSubmitted: (report: ReportDetail) => void;
  initial?: Partial<ReportDraft>;
  phoneOptional?: boolean;
  /** Keep what is typed on the phone under this key until filed (resident forms). */
  draftKey?: string;
  /** Shown above the form: whose report this is, when not the account's own. */
  heading?: ReactNode;
  /** The policy version in force's itinerary window and age limit (the built-in policy's until given). */
  rules?: FormRules;
}

export function ReportForm(props: Props) {
  const f = useReportForm(props);
  const { draft, errors, set } = f;
  useScrollToFirstError(f.refusals);
  const earliest = addDays(props.today, -(props.rules?.maxArrivalAgeDays ?? MAX_ARRIVAL_AGE_DAYS));
  const windowDays = props.rules?.itineraryWindowDays ?? ITINERARY_WINDOW_DAYS;
  const inputValue = (e: { detail: { value: string } }) => e.detail.value;

  return (
    <View className="report">
      {props.heading}
      {f.restored && (
        <View className="report__draft" data-testid="draft-restored">
          <Text>已恢复上次未提交的内容。</Text>
          <Text className="report__link" onClick={f.discardDraft}>
            清空重填
          </Text>
        </View>
      )}
      <View className="report__section">
        <Text className="report__title">个人信息</Text>
        <Field label="姓名" error={errors.name}>
          <Input className="text-input" value={draft.name} placeholder="与身份证一致" onInput={(e) => set('name', inputValue(e))} />
        </Field>
        <Field label="身份证号" error={errors.idNumber}>
          <Input className="text-input" type="idcard" maxlength={18} value={draft.idNumber} placeholder="18位身份证号" onInput={(e) => set('idNumber', inputValue(e))} />
        </Field>
        <Field label="手机号" required={!props.phoneOptional} error={errors.phone}>
          <Input className="text-input" type="number" maxlength={11} value={draft.phone} placeholder={props.phoneOptional ? '没有可不填' : '11位手机号'} onInput={(e) => set('phone', inputValue(e))} />
        </Field>
      </View>

      <View className="report__section">
        <Text className="report__title">抵河前{windowDays}天行程</Text>
        {errors.itinerary && <Text className="field__error">{errors.itinerary}</Text>}
        {draft.stops.map((s, i) => {
          const where = i === 0 ? '出发地' : `途经地${i}`;
          return (
            <View key={s.key} className="report__stop" data-testid={`stop-${i}`}>
              <View className="report__stop-head">
                <Text className="report__stop-title">{where}</Text>
                {i > 0 && (
                  <Text className="report__link" onClick={() => f.removeStop(s.key)}>
                    删除
                  </Text>
                )}
              </View>
              <Field label={`${where}（到乡镇/街道）`} error={errors[`itinerary.${i}.townCode`]}>
                <DivisionPicker leafLevel={4} valueLabel={s.townLabel} placeholder="选择省/市/县/乡镇（街道）" onChange={(d) => void f.chooseTown(s.key, d)} />
                {s.riskAreas && s.riskAreas.length > 0 && (
                  <RiskAreaChoice areas={s.riskAreas} value={s.riskAreaIds} onChange={(ids) => f.setStop(s.key, { riskAreaIds: ids })} />
                )}
                {errors[`itinerary.${i}.riskAreaIds`] && <Text className="field__error">{errors[`itinerary.${i}.riskAreaIds`]}</Text>}
              </Field>
              <Field label={`离开${where}的日期`} error={errors[`itinerary.${i}.departDate`]}>
                <DateField value={s.departDate} start={earliest} end={props.today} onChange={(v) => f.setStop(s.key, { departDate: v })} />
              </Field>
            </View>
          );
        })}
        {draft.stops.length < 10 && (
          <Text className="report__link report__add" onClick={f.addStop}>
            ＋ 添加途经地
          </Text>
        )}
      </View>

      <View className="report__section">
        <Text className="report__title">抵河信息</Text>
        <Field label="抵河日期" error={errors.arrivalDate}>
          <DateField value={draft.arrivalDate} start={earliest} end={props.today} onChange={(v) => set('arrivalDate', v)} />
        </Field>
        <Field label="交通方式" error={errors.transport}>
          <ChoiceGroup options={TRANSPORTS} value={draft.transport} onChange={(v) => set('transport', v)} />
        </Field>
        <Field label="车次/航班号" required={false} error={errors.transportNo}>
          <Input className="text-input" value={draft.transportNo} placeholder="如 G1234、CZ3456（选填）" onInput={(e) => set('transportNo', inputValue(e))} />
        </Field>
        <Field label="行程码是否带星号" error={errors.itineraryStar}>
          <ChoiceGroup options={YES_NO} value={draft.itineraryStar ? 'yes' : 'no'} onChange={(v) => set('itineraryStar', v === 'yes')} />
        </Field>
        <Field label="河池目的地（到社区/村）" error={errors['destination.villageCode']}>
          <DivisionPicker
            rootCode={HECHI_CODE}
            leafLevel={5}
            valueLabel={draft.villageLabel}
            placeholder="选择县（市、区）/乡镇/社区（村）"
            onChange={(d) => setDraftVillage(set, d.code, d.fullName)}
          />
        </Field>
        <Field label="详细地址" error={errors['destination.address']}>
          <Input className="text-input" value={draft.address} placeholder="小区、楼栋、门牌号" onInput={(e) => set('address', inputValue(e))} />
        </Field>
      </View>

      {f.serverError && (
        <View className="report__server-error" data-testid="server-error">
          <Text>{f.serverError.message}</Text>
        </View>
      )}
      {Object.keys(errors).length > 0 && !f.serverError && (
        <Text className="report__summary">请按提示修改标红的内容后再提交</Text>
      )}
      <View className="report__submit">
        <Button type="primary" block loading={f.submitting} disabled={f.submitting} onClick={() => void f.onSubmit()}>
          {f.submitting ? '正在提交…' : '提交报备'}
        </Button>
      </View>
    </View>
  );
}

function setDraftVillage(set: ReturnType<typeof useReportForm>['set'], code: string, label: string) {
  set('villageCode', code);
  set('villageLabel', label);
}
