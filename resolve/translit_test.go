package resolve

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTranslitKeySame(t *testing.T) {
	tests := []struct {
		name  string
		forms []string
	}{
		{"Denis/Denys and Cyrillic", []string{"Denis Nikitin", "Denys Nikitin", "Денис Никитин", "Дэніс Нікітін"}},
		{"Dmitry/Dmytro/Dmitriy/Dmitrii", []string{"Dmitry Peskov", "Dmytro Peskov", "Dmitriy Peskov", "Dmitrii Peskov", "Дмитрий Песков", "Дмитро Пєсков"}},
		{"Gladkov/Hladkov (Ukrainian г→h)", []string{"Vyacheslav Gladkov", "Vyacheslav Hladkov", "Viacheslav Hladkov", "Вячеслав Гладков", "В'ячеслав Гладков"}},
		{"Graivoron/Grayvoron/Hraivoron", []string{"Graivoron", "Grayvoron", "Hraivoron", "Грайворон"}},
		{"-iy/-yi/-y/-ii endings", []string{"Zelensky", "Zelenskyy", "Zelenskiy", "Zelenskii", "Zelenskyi", "Зеленський", "Зеленский"}},
		{"kh/h", []string{"Mykhailo Podolyak", "Mikhail Podolyak", "Mihail Podoliak", "Михайло Подоляк"}},
		{"ya/ia, yu/iu", []string{"Ilya Yashin", "Illia Iashin", "Илья Яшин"}},
		{"Yuri/Iurii", []string{"Yuri Dudinsky", "Yuriy Dudinskiy", "Iurii Dudinskii"}},
		{"ye/e", []string{"Yevgeny Prigozhin", "Evgeny Prigozhin", "Yevgeniy Prigozhin", "Евгений Пригожин", "Yevhen Prigozhin"}},
		{"zh", []string{"Zhytomyr", "Zhitomir", "Житомир"}},
		{"shch", []string{"Nikita Khrushchev", "Nikita Khrushchyov", "Никита Хрущёв"}},
		{"soft sign and apostrophe", []string{"Ilyich", "Il'ich", "Ильич"}},
		{"x/ks", []string{"Alexei Navalny", "Aleksei Navalny", "Alexey Navalnyy", "Алексей Навальный", "Oleksiy Navalny"}},
		{"Belarusian ў and w", []string{"Kastus Kalinouski", "Kastus Kalinowski", "Kastus Kalinovsky", "Кастусь Каліноўскі"}},
		{"Sergei/Sergey/Serhiy", []string{"Sergei Shoigu", "Sergey Shoygu", "Serhiy Shoigu", "Сергей Шойгу"}},
		{"Volodymyr/Vladimir", []string{"Volodymyr Zelenskyy", "Vladimir Zelensky", "Владимир Зеленский"}},
		{"Andriy/Andrei/Andrey", []string{"Andriy Yermak", "Andrei Yermak", "Andrey Yermak", "Андрій Єрмак"}},
		{"scientific j", []string{"Jurij", "Yuriy", "Юрий"}},
		{"leading the dropped", []string{"the Kremlin", "Kremlin"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := TranslitKey(tt.forms[0])
			for _, f := range tt.forms[1:] {
				if got := TranslitKey(f); got != want {
					t.Errorf("TranslitKey(%q) = %q, want %q (key of %q)", f, got, want, tt.forms[0])
				}
			}
		})
	}
}

func TestTranslitKeyDifferent(t *testing.T) {
	tests := []struct {
		name string
		a, b string
	}{
		{"gender endings differ", "Ivanov", "Ivanova"},
		{"feminine -skaya", "Zelensky", "Zelenskaya"},
		{"Peskov vs Peskova", "Dmitry Peskov", "Dmitry Peskova"},
		{"Kharkiv vs Kharkov is the alias table's job", "Kharkiv", "Kharkov"},
		{"Kyiv vs Kiev is the alias table's job", "Kyiv", "Kiev"},
		{"different surnames", "Denis Kapustin", "Denis Nikitin"},
		{"Islamic State vs ISKP", "Islamic State", "Islamic State Khorasan Province"},
		{"sh vs s", "Shoigu", "Soigu"},
		{"zh vs z", "Zhukov", "Zukov"},
		{"ch vs c", "Chernov", "Cernov"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if ka, kb := TranslitKey(tt.a), TranslitKey(tt.b); ka == kb {
				t.Errorf("TranslitKey(%q) = TranslitKey(%q) = %q, want different keys", tt.a, tt.b, ka)
			}
		})
	}
}

func TestGivenNamesAreFolded(t *testing.T) {
	for k, v := range givenNames {
		if f := foldWord(k); f != k {
			t.Errorf("givenNames key %q is not a folded word (foldWord gives %q): unreachable", k, f)
		}
		if f := foldWord(v); f != v {
			t.Errorf("givenNames value %q is not a folded word (foldWord gives %q)", v, f)
		}
		if g, ok := givenNames[v]; !ok || g != v {
			t.Errorf("givenNames value %q does not map to itself (got %q)", v, g)
		}
	}
}

func FuzzTranslitKey(f *testing.F) {
	for _, s := range []string{"Denis Nikitin", "Дмитро Пєсков", "Zelenskyy", "Il'ich", "", "Ǆ ǅ", "shchshch", "\xff\xfe", "ёЁїЇ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1000 {
			return
		}
		k := TranslitKey(s)
		if !utf8.ValidString(k) && utf8.ValidString(s) {
			t.Errorf("TranslitKey(%q) = %q: invalid UTF-8", s, k)
		}
		if k != strings.TrimSpace(k) || strings.Contains(k, "  ") {
			t.Errorf("TranslitKey(%q) = %q: stray spaces", s, k)
		}
		if TranslitKey(k) != k && utf8.ValidString(s) {
			// The key of a key is itself: folding is idempotent.
			t.Errorf("TranslitKey not idempotent: %q → %q → %q", s, k, TranslitKey(k))
		}
	})
}

func BenchmarkTranslitKey(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		TranslitKey("Vyacheslav Gladkov")
	}
}
