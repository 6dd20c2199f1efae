package muster

import (
	"fmt"
	"math"
	"strconv"
)

// ValueKind says what a claim's object is.
type ValueKind string

// Value kinds (DESIGN §6).
const (
	ValueEntity ValueKind = "entity"
	ValueDate   ValueKind = "date"
	ValueNumber ValueKind = "number"
	ValueText   ValueKind = "text"
)

// Value is a claim's object: an entity, a date interval, a number range or
// a text. Text always holds the words of the source that state it.
type Value struct {
	Kind   ValueKind `json:"kind"`
	Text   string    `json:"text"`
	Entity *Ref      `json:"entity,omitempty"`
	// Date interval: ISO dates, inclusive, with the precision the text gave.
	From      string    `json:"from,omitempty"`
	To        string    `json:"to,omitempty"`
	Precision Precision `json:"precision,omitempty"`
	// Number range: nil means unbounded ("more than 70" has no Max) or
	// unknown ("up to 4,000" has no Min).
	Min  *float64 `json:"min,omitempty"`
	Max  *float64 `json:"max,omitempty"`
	Unit string   `json:"unit,omitempty"`
}

// numberJSON keeps min and max in the output even when null, as DESIGN §6
// shows them.
func (v Value) MarshalJSON() ([]byte, error) {
	type plain Value
	if v.Kind != ValueNumber {
		return jsonMarshal(plain(v))
	}
	type number struct {
		Kind ValueKind `json:"kind"`
		Text string    `json:"text"`
		Min  *float64  `json:"min"`
		Max  *float64  `json:"max"`
		Unit string    `json:"unit,omitempty"`
	}
	return jsonMarshal(number{v.Kind, v.Text, v.Min, v.Max, v.Unit})
}

// Precision is how precise a date is.
type Precision string

// Date precisions.
const (
	PrecisionDay    Precision = "day"
	PrecisionMonth  Precision = "month"
	PrecisionSeason Precision = "season"
	PrecisionYear   Precision = "year"
)

// EntityValue returns a Value naming an entity.
func EntityValue(r Ref, text string) Value { return Value{Kind: ValueEntity, Text: text, Entity: &r} }

// TextValue returns a Value holding text.
func TextValue(text string) Value { return Value{Kind: ValueText, Text: text} }

// NumberValue returns a number-range Value. Pass math.NaN() for a bound that
// is unknown or unbounded.
func NumberValue(text string, min, max float64, unit string) Value {
	v := Value{Kind: ValueNumber, Text: text, Unit: unit}
	if !math.IsNaN(min) {
		v.Min = &min
	}
	if !math.IsNaN(max) {
		v.Max = &max
	}
	return v
}

// Overlaps reports whether two number ranges can both hold. A missing bound
// is open.
func (v Value) Overlaps(o Value) bool {
	lo := func(p *float64) float64 {
		if p == nil {
			return math.Inf(-1)
		}
		return *p
	}
	hi := func(p *float64) float64 {
		if p == nil {
			return math.Inf(1)
		}
		return *p
	}
	return lo(v.Min) <= hi(o.Max) && lo(o.Min) <= hi(v.Max)
}

// RangeString renders a number range compactly: "[71, ∞)", "[?, 4000]", "2".
func (v Value) RangeString() string {
	f := func(p *float64) string { return strconv.FormatFloat(*p, 'f', -1, 64) }
	switch {
	case v.Min != nil && v.Max != nil && *v.Min == *v.Max:
		return f(v.Min)
	case v.Min != nil && v.Max != nil:
		return fmt.Sprintf("[%s, %s]", f(v.Min), f(v.Max))
	case v.Min != nil:
		return fmt.Sprintf("[%s, ∞)", f(v.Min))
	case v.Max != nil:
		return fmt.Sprintf("[?, %s]", f(v.Max))
	}
	return "?"
}

// String renders the value for people.
func (v Value) String() string {
	switch v.Kind {
	case ValueEntity:
		if v.Entity != nil {
			return v.Entity.Name
		}
	case ValueDate:
		if v.From == v.To || v.To == "" {
			return v.From
		}
		return v.From + " – " + v.To
	case ValueNumber:
		return v.RangeString()
	}
	return v.Text
}
