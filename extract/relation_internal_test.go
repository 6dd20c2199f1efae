package extract

import (
	"bytes"
	"strings"
	"testing"
)

// TestRelationTable checks the embedded patterns/relations.tsv and that
// a bad row is an error, not a silent miss.
func TestRelationTable(t *testing.T) {
	tb, err := parseRelations(relationsSrc)
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := tb.properties["P355"]; !ok || p.Pred != "part_of" || !p.Inverse {
		t.Errorf("P355 maps to %+v, want part_of with the tail as subject", p)
	}
	for _, bad := range []string{
		"class\tleader\tgroup\tghost",
		"class\tboss_of\tgroup\tperson",
		"property\tP1\tleader\th",
		"class\tleader\tgroup\tperson\nproperty\tP1\tleader\tx",
		"class\tleader\tgroup\tperson\nproperty\tP1\tleader\th\nproperty\tP1\tleader\th",
		"leader group person",
	} {
		if _, err := parseRelations(bad); err == nil {
			t.Errorf("%q: no error", strings.ReplaceAll(bad, "\t", " "))
		}
	}
}

// TestRelationModelEmbedded checks that the embedded model loads with
// the table's classes and writes back the bytes it was read from.
func TestRelationModelEmbedded(t *testing.T) {
	m := relationModel()
	if m == nil {
		t.Fatal("extract/relation_model.gz is empty: run make model-relations")
	}
	if m.p.nTags != len(relations().preds) {
		t.Fatalf("model has %d classes, table %d", m.p.nTags, len(relations().preds))
	}
	b, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	m2, err := LoadRelationModel(b)
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := m2.MarshalBinary()
	if !bytes.Equal(b, b2) {
		t.Error("a written model does not read back to the same bytes")
	}
	if _, err := LoadRelationModel([]byte("not a model")); err == nil {
		t.Error("garbage loads without an error")
	}
}
