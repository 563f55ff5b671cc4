// Pieces the paged risk views share: long text folded behind 展开 (never cut without saying so) and the
// "加载更多" line of a cursor-paged list.
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { FOLD_AT } from '../lib/risk';
import type { Paged } from '../hooks/usePaged';

export function FoldText({ text, className = '' }: { text: string; className?: string }) {
  const [open, setOpen] = useState(false);
  if (text.length <= FOLD_AT) return <Text className={`risk__wrap ${className}`}>{text}</Text>;
  return (
    <Text className={`risk__wrap ${className}`}>
      {open ? text : `${text.slice(0, FOLD_AT)}…`}
      <Text className="risk__link" onClick={(e) => (e.stopPropagation(), setOpen(!open))}>
        {open ? ' 收起' : ` 展开（共${text.length}字）`}
      </Text>
    </Text>
  );
}

/** "已显示 n / total" and 加载更多 while the server has more. */
export function LoadMore<T>({ paged, unit = '条' }: { paged: Paged<T>; unit?: string }) {
  return (
    <View className="risk__more">
      {paged.error && <Text className="risk__error">{paged.error}</Text>}
      <Text className="risk__muted">
        {paged.loaded ? `已显示${paged.items.length}${unit}，共${paged.total}${unit}` : paged.loading ? '正在加载…' : ''}
      </Text>
      {paged.hasMore && (
        <Button size="small" loading={paged.loading} disabled={paged.loading} onClick={paged.more}>
          加载更多
        </Button>
      )}
    </View>
  );
}
