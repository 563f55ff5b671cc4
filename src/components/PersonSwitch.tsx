// The account's own code and its family members' codes: one tap switches between them.
import { Text, View } from '@tarojs/components';
import type { PersonView } from '../../types/model';
import './PersonSwitch.css';

export function PersonSwitch({ persons, selected, onSelect }: { persons: PersonView[]; selected: string | undefined; onSelect: (p: PersonView) => void }) {
  if (persons.length < 2) return null;
  const current = selected ?? persons.find((p) => p.relation === 'self')?.id;
  return (
    <View className="person-switch" data-testid="person-switch">
      {persons.map((p) => (
        <View key={p.id} className={`person-switch__item${p.id === current ? ' person-switch__item--on' : ''}`} onClick={() => onSelect(p)}>
          <Text>{p.relation === 'self' ? `本人 ${p.name}` : p.name}</Text>
        </View>
      ))}
    </View>
  );
}
