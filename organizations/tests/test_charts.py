from organizations.charts import HEIGHT, LABEL_SPACE, TOP_SPACE, column_bars, row_bars


def test_the_tallest_column_fills_the_plot_and_zero_is_flat():
    bars = column_bars([("Jan", 0), ("Feb", 5), ("Mar", 10)])

    assert bars[0].height == 0
    assert bars[2].y == TOP_SPACE
    assert bars[2].height == HEIGHT - LABEL_SPACE - TOP_SPACE
    assert bars[1].height == bars[2].height / 2


def test_an_all_zero_chart_draws_without_dividing_by_zero():
    assert [bar.height for bar in column_bars([("Jan", 0), ("Feb", 0)])] == [0, 0]
    assert [bar.width for bar in row_bars([("1", 0)])] == [0]
    assert column_bars([]) == []


def test_rows_scale_to_the_largest_step():
    bars = row_bars([("Module 1", 8), ("Module 2", 4)], width=400)

    assert [bar.width for bar in bars] == [400, 200]
    assert bars[1].y > bars[0].y
