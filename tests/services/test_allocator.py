import ctypes.util
import sys

import numpy as np
import pytest

from desktop.domain.likelihood import LikelihoodInputs, posterior_with_impacts
from desktop.services import allocator


@pytest.mark.skipif(not sys.platform.startswith("linux") or not ctypes.util.find_library("c"),
                    reason="mallopt is glibc's")
def test_thresholds_are_accepted_once_and_the_model_still_agrees():
    rng = np.random.default_rng(3)
    inputs = LikelihoodInputs(np.array([0.2, 0.3, 0.5]), rng.uniform(0.1, 1, 2000),
                              rng.integers(-2, 3, (2000, 3)).astype(float), np.arange(2000), np.arange(2000))
    before = posterior_with_impacts(inputs)
    assert allocator.keep_arrays_in_heap() is True
    assert allocator.keep_arrays_in_heap() is True      # a second call changes nothing
    after = posterior_with_impacts(inputs)
    np.testing.assert_array_equal(before[0], after[0])
    np.testing.assert_array_equal(before[1], after[1])
