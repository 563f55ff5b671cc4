// When a county has listed risk areas, the person must say which they stayed in, or none of them.
import { Text, View } from '@tarojs/components';
import type { RiskAreaOption } from '../../types/model';
import './RiskAreaChoice.css';

const LEVEL = { high: '高风险', medium: '中风险' } as const;

interface Props {
  areas: RiskAreaOption[];
  /** null = not answered yet; [] = 以上均未到过. */
  value: string[] | null;
  onChange: (ids: string[] | null) => void;
}

export function RiskAreaChoice({ areas, value, onChange }: Props) {
  const toggle = (id: string) => {
    const now = value ?? [];
    const next = now.includes(id) ? now.filter((x) => x !== id) : [...now, id];
    // Unticking the last area means "not answered", not "none": that needs the explicit choice.
    onChange(next.length ? next : null);
  };
  const none = value !== null && value.length === 0;
  return (
    <View className="risk">
      <Text className="risk__hint">该县（市、区）有中高风险地区，请选择您停留过的区域：</Text>
      {areas.map((a) => {
        const on = !!value?.includes(a.id);
        return (
          <View key={a.id} className={`risk__item${on ? ' risk__item--on' : ''}`} onClick={() => toggle(a.id)}>
            <Text>
              {on ? '☑' : '☐'} [{LEVEL[a.level]}] {a.area}
            </Text>
          </View>
        );
      })}
      <View className={`risk__item${none ? ' risk__item--on' : ''}`} onClick={() => onChange([])}>
        <Text>{none ? '☑' : '☐'} 以上均未到过</Text>
      </View>
    </View>
  );
}
