// Cascading picker over administrative divisions (division.children), one level at a time, down to
// `leafLevel`. Inline list rather than a wheel: long province/town lists are easier to scan, and a
// filter box narrows a long level by name. Staff forms may pick any level (`pickAnyLevel`): a
// jurisdiction is a whole county, a town or one community.
import { Input, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import type { Division } from '../../types/model';
import { callFunction } from '../services/api';
import './DivisionPicker.css';

interface Props {
  /** Code whose children are the first level offered; none = provinces. */
  rootCode?: string;
  /** The level to stop at: 4 town/street, 5 village/community. */
  leafLevel: 4 | 5;
  /** Full name of the current choice, if any. */
  valueLabel: string;
  placeholder: string;
  onChange: (leaf: Division) => void;
  /** Offer "选择整个…" at every level (and the root itself, when given here). */
  pickAnyLevel?: boolean;
  root?: Division;
}

/** Levels longer than this get a filter box. */
const FILTER_FROM = 12;

export function DivisionPicker({ rootCode, leafLevel, valueLabel, placeholder, onChange, pickAnyLevel = false, root }: Props) {
  const [open, setOpen] = useState(false);
  const [path, setPath] = useState<Division[]>([]);
  const [options, setOptions] = useState<Division[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const parentCode = path.length ? path[path.length - 1]!.code : rootCode;

  const load = useCallback(async (code: string | undefined) => {
    setOptions(null);
    setError(null);
    const r = await callFunction('division', code ? { action: 'children', code } : { action: 'children' });
    if (r.ok) setOptions(r.data.divisions);
    else setError(r.error.message);
  }, []);

  useEffect(() => {
    if (open) void load(parentCode);
    setFilter('');
  }, [open, parentCode, load]);

  const choose = (d: Division) => {
    onChange(d);
    setOpen(false);
    setPath([]);
  };
  const pick = (d: Division) => {
    if (d.level >= leafLevel || !d.hasChildren) return choose(d);
    setPath((p) => [...p, d]);
  };
  const here = path.length ? path[path.length - 1] : root;
  const shown = filter.trim() ? options?.filter((d) => d.name.includes(filter.trim())) : options;

  return (
    <View className="division">
      <View className={`division__value${valueLabel ? '' : ' division__value--empty'}`} onClick={() => setOpen(!open)}>
        <Text>{valueLabel || placeholder}</Text>
        <Text className="division__toggle">{open ? '收起' : '选择'}</Text>
      </View>
      {open && (
        <View className="division__panel" data-testid="division-panel">
          <View className="division__crumbs">
            <Text className="division__crumb" onClick={() => setPath([])}>
              {rootCode ? '全部' : '省份'}
            </Text>
            {path.map((d, i) => (
              <Text key={d.code} className="division__crumb" onClick={() => setPath(path.slice(0, i + 1))}>
                {' › '}
                {d.name}
              </Text>
            ))}
          </View>
          {error && (
            <View className="division__error">
              <Text>{error}</Text>
              <Text className="division__retry" onClick={() => void load(parentCode)}>
                重试
              </Text>
            </View>
          )}
          {pickAnyLevel && here && (
            <View className="division__option division__option--whole" onClick={() => choose(here)}>
              <Text>选择整个{here.name}</Text>
            </View>
          )}
          {options && options.length > FILTER_FROM && (
            <Input className="text-input division__filter" value={filter} placeholder="输入名称筛选" onInput={(e) => setFilter(e.detail.value)} />
          )}
          {!error && options === null && <Text className="division__loading">加载中…</Text>}
          {shown?.length === 0 && <Text className="division__loading">没有名称含“{filter.trim()}”的地方</Text>}
          {shown?.map((d) => (
            <View key={d.code} className="division__option" onClick={() => pick(d)}>
              <Text>{d.name}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
