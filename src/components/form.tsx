// Small form primitives that behave the same in WeChat and H5 (Taro's own components).
import { Button } from '@nutui/nutui-react-taro';
import { Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, type ReactNode } from 'react';
import './form.css';

export function Field({ label, error, children, required = true }: { label: string; error?: string; children: ReactNode; required?: boolean }) {
  return (
    <View className={`field${error ? ' field--error' : ''}`}>
      <Text className="field__label">
        {label}
        {required && <Text className="field__req">*</Text>}
      </Text>
      <View className="field__body">{children}</View>
      {error && <Text className="field__error">{error}</Text>}
    </View>
  );
}

export function ChoiceGroup<T extends string>({
  options,
  value,
  onChange,
}: {
  options: ReadonlyArray<{ value: T; label: string }>;
  value: T | '';
  onChange: (v: T) => void;
}) {
  return (
    <View className="choice">
      {options.map((o) => (
        <View
          key={o.value}
          className={`choice__item${o.value === value ? ' choice__item--on' : ''}`}
          onClick={() => onChange(o.value)}
        >
          <Text>{o.label}</Text>
        </View>
      ))}
    </View>
  );
}

/**
 * Dates as YYYY-MM-DD strings. WeChat: its native date picker. H5: the browser's own date input,
 * which phones show as their native picker (Taro's H5 wheel needs touch-dragging through years).
 */
export function DateField({ value, end, start, onChange, placeholder = '请选择日期' }: {
  value: string;
  start?: string;
  end?: string;
  onChange: (v: string) => void;
  placeholder?: string;
}) {
  if (process.env.TARO_ENV === 'h5') {
    return (
      <input
        className={`date-field date-field--native${value ? '' : ' date-field--empty'}`}
        type="date"
        value={value}
        min={start}
        max={end}
        aria-label={placeholder}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
    );
  }
  return (
    <Picker mode="date" value={value} start={start} end={end} onChange={(e) => onChange(String(e.detail.value))}>
      <View className={`date-field${value ? '' : ' date-field--empty'}`}>
        <Text>{value || placeholder}</Text>
      </View>
    </Picker>
  );
}

/**
 * The end of a form: the server's refusal when it names no field (field errors show at the field),
 * and the one submit button, locked while the request is out so a double tap sends once.
 */
export function SubmitBar({ error, busy, label, onSubmit }: {
  error: { message: string; field?: string } | null | undefined;
  busy: boolean;
  label: string;
  onSubmit: () => void;
}) {
  return (
    <>
      {error && !error.field && (
        <View className="report__server-error" data-testid="server-error">
          <Text>{error.message}</Text>
        </View>
      )}
      <View className="report__submit">
        <Button type="primary" block loading={busy} disabled={busy} onClick={onSubmit}>
          {label}
        </Button>
      </View>
    </>
  );
}

/**
 * After a refused submit (`refusals` grows), bring the first field in error into view: a long form
 * otherwise shows only the summary beside the button.
 */
export function useScrollToFirstError(refusals: number) {
  useEffect(() => {
    if (refusals === 0) return;
    const timer = setTimeout(() => {
      if (process.env.TARO_ENV !== 'weapp') {
        document.querySelector('.field--error, .field__error')?.scrollIntoView?.({ behavior: 'smooth', block: 'center' });
      } else {
        void Taro.pageScrollTo({ selector: '.field--error', duration: 200, offsetTop: -80 }).catch(() => undefined);
      }
    }, 0); // after the errors have rendered
    return () => clearTimeout(timer);
  }, [refusals]);
}
