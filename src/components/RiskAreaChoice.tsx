// When a county has listed risk areas, the person must say which they stayed in, or none of them.
import { useState } from 'react';
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
  const [showAll, setShowAll] = useState(false);
  const toggle = (id: string) => {
    const now = value ?? [];
    const next = now.includes(id) ? now.filter((x) => x !== id) : [...now, id];
    // Unticking the last area means "not answered", not "none": that needs the explicit choice.
    onChange(next.length ? next : null);
  };
  const none = value !== null && value.length === 0;
  // Where the list names the town picked, its areas come first and the county's others fold away
  // (a county may list hundreds); a ticked area always stays in sight.
  const inTown = areas.filter((a) => a.inTown);
  const others = areas.filter((a) => !a.inTown);
  const folded = inTown.length > 0 && !showAll;
  const shownOthers = folded ? others.filter((a) => value?.includes(a.id)) : others;
  const item = (a: RiskAreaOption) => {
    const on = !!value?.includes(a.id);
    return (
      <View key={a.id} className={`risk__item${on ? ' risk__item--on' : ''}`} onClick={() => toggle(a.id)}>
        <Text>
          {on ? '☑' : '☐'} [{LEVEL[a.level]}] {a.area}
        </Text>
      </View>
    );
  };
  return (
    <View className="risk">
      <Text className="risk__hint">该县（市、区）有中高风险地区，请选择您停留过的区域：</Text>
      {inTown.length > 0 && <Text className="risk__group">所选乡镇（街道）的区域</Text>}
      {inTown.map(item)}
      {inTown.length > 0 && others.length > 0 && <Text className="risk__group">本县（市、区）其他区域</Text>}
      {shownOthers.map(item)}
      {folded && others.length > shownOthers.length && (
        <View className="risk__more" onClick={() => setShowAll(true)}>
          <Text>展开本县（市、区）其他{others.length}个区域</Text>
        </View>
      )}
      <View className={`risk__item${none ? ' risk__item--on' : ''}`} onClick={() => onChange([])}>
        <Text>{none ? '☑' : '☐'} 以上均未到过{folded ? '（含未展开的其他区域）' : ''}</Text>
      </View>
    </View>
  );
}
